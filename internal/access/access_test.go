package access

import (
	"errors"
	"strings"
	"testing"

	"baocao/internal/domain"
)

func TestAllow(t *testing.T) {
	admin := User{Role: RoleAdmin, Active: true}
	staff := User{Role: RoleStaff, Unit: "LDTBXH", Active: true}
	agency := User{Role: RoleAgency, Unit: "GDDT", Active: true}
	disabled := User{Role: RoleAdmin, Active: false}
	signedIn, program := agency, agency
	signedIn.Via, program.Via = ViaSession, ViaToken
	tests := []struct {
		name   string
		user   User
		action Action
		unit   string
		want   bool
	}{
		{"agency reads its own unit", agency, ReadSubmission, "GDDT", true},
		{"agency cannot read another unit", agency, ReadSubmission, "YT", false},
		{"agency writes its own unit", agency, WriteSubmission, "GDDT", true},
		{"agency cannot write another unit", agency, WriteSubmission, "YT", false},
		{"agency cannot act on no unit", agency, WriteSubmission, "", false},
		{"staff reads every unit", staff, ReadSubmission, "YT", true},
		{"staff never writes a unit's figures", staff, WriteSubmission, "LDTBXH", false},
		{"staff reviews", staff, ReviewSubmission, "GDDT", true},
		{"agency does not review", agency, ReviewSubmission, "GDDT", false},
		{"staff sees the job queues", staff, ViewJobs, "", true},
		{"agency does not see the job queues", agency, ViewJobs, "", false},
		{"admin manages users", admin, ManageUsers, "", true},
		{"staff does not manage users", staff, ManageUsers, "", false},
		{"admin reads the audit log", admin, ViewAudit, "", true},
		{"staff does not read the audit log", staff, ViewAudit, "", false},
		{"admin sees how the machine runs", admin, ViewOperations, "", true},
		{"staff do not", staff, ViewOperations, "", false},
		{"everyone reads the catalog", agency, ReadCatalog, "", true},
		{"a disabled account can do nothing", disabled, ReadCatalog, "", false},
		{"an unknown action is refused", admin, Action("launch_rockets"), "", false},
		{"a person signed in makes and revokes tokens", signedIn, ManageOwnTokens, "", true},
		{"an API token cannot make or revoke tokens", program, ManageOwnTokens, "", false},
		{"nor can a user not signed in for a request", agency, ManageOwnTokens, "", false},
		{"an API token lists its account's tokens", program, ReadOwnTokens, "", true},
		{"an API token does what its account does", program, WriteSubmission, "GDDT", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Allow(tt.user, tt.action, tt.unit); got != tt.want {
				t.Fatalf("Allow = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestScopeFor(t *testing.T) {
	if s := ScopeFor(User{Role: RoleAgency, Unit: "GDDT"}); s.Unit != "GDDT" {
		t.Fatalf("agency scope = %+v", s)
	}
	if s := ScopeFor(User{Role: RoleStaff, Unit: "LDTBXH"}); s.Unit != "" {
		t.Fatalf("staff scope = %+v, want every unit", s)
	}
}

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		user, pw, want string
	}{
		{"gddt", "short", PasswordTooShort},
		{"gddt", "password123", PasswordCommon},
		{"gddt", "Matkhau1234", PasswordCommon},
		{"nguyenvana", "nguyenvana-2024", PasswordIsAccount},
		{"gddt", "mùa thu Hà Nội 2024", ""},
	}
	for _, tt := range tests {
		err := CheckPassword(tt.user, tt.pw)
		var fe *domain.FieldError
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("CheckPassword(%q) = %v, want ok", tt.pw, err)
		case tt.want != "" && (!errors.As(err, &fe) || fe.Code != tt.want || !errors.Is(err, domain.ErrInvalid)):
			t.Errorf("CheckPassword(%q) = %v, want %s", tt.pw, err, tt.want)
		}
	}
}

// Production hashes keep their strength: a cost left out is the default,
// and the default is RFC 9106's second recommendation (64 MiB, 3 passes,
// 2 lanes), the parameters existing hashes were made with.
func TestHashPassword_DefaultCostIsTheStrongOne(t *testing.T) {
	if got, want := DefaultPasswordCost(), (PasswordCost{Time: 3, MemoryKiB: 64 * 1024, Threads: 2}); got != want {
		t.Fatalf("DefaultPasswordCost() = %+v, want %+v", got, want)
	}
	if got, want := (PasswordCost{Time: 1}).orDefault(), (PasswordCost{Time: 1, MemoryKiB: 64 * 1024, Threads: 2}); got != want {
		t.Fatalf("a cost with only Time set = %+v, want %+v", got, want)
	}
	hash, err := HashPassword("mùa thu Hà Nội 2024", PasswordCost{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=65536,t=3,p=2$") {
		t.Fatalf("hash = %q, want the default cost recorded", hash)
	}
	if !VerifyPassword(hash, "mùa thu Hà Nội 2024") {
		t.Fatal("the right password does not verify")
	}
}

func TestHashPassword_Verify(t *testing.T) {
	cheap := PasswordCost{Time: 1, MemoryKiB: 64, Threads: 1}
	hash, err := HashPassword("mùa thu Hà Nội 2024", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash = %q, want the cost it was made with", hash)
	}
	if !VerifyPassword(hash, "mùa thu Hà Nội 2024") {
		t.Fatal("the right password does not verify")
	}
	if VerifyPassword(hash, "mùa thu Hà Nội 2025") || VerifyPassword("garbage", "x") {
		t.Fatal("a wrong password verifies")
	}
	other, _ := HashPassword("mùa thu Hà Nội 2024", cheap)
	if other == hash {
		t.Fatal("two hashes of one password are equal: no salt")
	}
	// Hashes this program never makes are refused, not computed.
	salt, key := strings.Split(hash, "$")[4], strings.Split(hash, "$")[5]
	for _, bad := range []string{
		"$argon2id$v=19$m=64,t=0,p=1$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=1,p=0$" + salt + "$" + key,
		"$argon2id$v=19$m=1048576,t=1,p=1$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$",
		"$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + key,
	} {
		if VerifyPassword(bad, "mùa thu Hà Nội 2024") {
			t.Errorf("%s verifies", bad)
		}
	}
}

func TestNewToken(t *testing.T) {
	a, ha := NewToken(APITokenPrefix)
	b, _ := NewToken(APITokenPrefix)
	if a == b || !strings.HasPrefix(a, "bct_") || len(a) < 40 {
		t.Fatalf("tokens %q, %q", a, b)
	}
	if string(HashToken(a)) != string(ha) || string(HashToken(b)) == string(ha) {
		t.Fatal("hash does not identify its token")
	}
}

func TestGeneratePassword(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		p := GeneratePassword("abcd")
		if len(p) < 12 || strings.ContainsAny(p, "0oO1lIi") || CheckPassword("abcd", p) != nil {
			t.Fatalf("generated %q: too short, ambiguous or refused by the policy", p)
		}
		if seen[p] {
			t.Fatalf("generated %q twice", p)
		}
		seen[p] = true
	}
}
