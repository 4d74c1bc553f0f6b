package access

import (
	"bufio"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"baocao/internal/domain"
)

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 10

// Password problems, as codes the web layer turns into messages.
const (
	PasswordTooShort  = "password_too_short"
	PasswordCommon    = "password_common"
	PasswordIsAccount = "password_is_username"
)

//go:embed common_passwords.txt
var commonPasswordsText string

var commonPasswords = func() map[string]bool {
	m := map[string]bool{}
	s := bufio.NewScanner(strings.NewReader(commonPasswordsText))
	for s.Scan() {
		if w := strings.TrimSpace(s.Text()); w != "" && !strings.HasPrefix(w, "#") {
			m[strings.ToLower(w)] = true
		}
	}
	return m
}()

// CheckPassword applies the password policy for username's new password.
func CheckPassword(username, password string) error {
	if utf8.RuneCountInString(password) < MinPasswordLength {
		return &domain.FieldError{Field: "password", Code: PasswordTooShort}
	}
	lower := strings.ToLower(password)
	if commonPasswords[lower] {
		return &domain.FieldError{Field: "password", Code: PasswordCommon}
	}
	if username != "" && strings.Contains(lower, strings.ToLower(username)) && len(username) >= 4 {
		return &domain.FieldError{Field: "password", Code: PasswordIsAccount}
	}
	return nil
}

// PasswordCost is the work of making an argon2id password hash: passes
// over the memory, the memory in KiB and the lanes computed in parallel.
// Every hash records the cost it was made with and is checked at that
// cost, so hashes made before a change of cost keep verifying.
type PasswordCost struct {
	Time      uint32
	MemoryKiB uint32
	Threads   uint8
}

// DefaultPasswordCost is the production cost, RFC 9106's second
// recommendation with lighter memory: 3 passes over 64 MiB on 2 lanes.
// HashPassword fills a zero field from it, so no caller weakens hashes
// by leaving the cost out.
func DefaultPasswordCost() PasswordCost {
	return PasswordCost{Time: 3, MemoryKiB: 64 * 1024, Threads: 2}
}

func (c PasswordCost) orDefault() PasswordCost {
	d := DefaultPasswordCost()
	if c.Time == 0 {
		c.Time = d.Time
	}
	if c.MemoryKiB == 0 {
		c.MemoryKiB = d.MemoryKiB
	}
	if c.Threads == 0 {
		c.Threads = d.Threads
	}
	return c
}

const argonKeyLen = 32

// maxVerifyMemoryKiB bounds the memory a stored hash may ask to be
// checked with: a hash needing more was not made by this program.
const maxVerifyMemoryKiB = 4 * 64 * 1024

// hashing bounds how many argon2id computations (64 MiB each at the
// default cost) run at once, so a burst of sign-in attempts cannot exhaust
// memory.
var hashing = make(chan struct{}, 4)

func acquireHashing() func() {
	hashing <- struct{}{}
	return func() { <-hashing }
}

// HashPassword returns an argon2id hash of password made at cost (zero
// fields: DefaultPasswordCost's), in the PHC string format.
func HashPassword(password string, cost PasswordCost) (string, error) {
	cost = cost.orDefault()
	defer acquireHashing()()
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, cost.Time, cost.MemoryKiB, cost.Threads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, cost.MemoryKiB, cost.Time, cost.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether password matches hash, in constant time.
func VerifyPassword(hash, password string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	var memory uint32
	var time uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &time, &threads); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return false
	}
	if memory > maxVerifyMemoryKiB || time > 10 || time == 0 || threads == 0 || len(want) == 0 {
		return false // not a hash this program made: refuse the cost
	}
	release := acquireHashing()
	got := argon2.IDKey([]byte(password), salt, time, memory, threads, uint32(len(want)))
	release()
	return subtle.ConstantTimeCompare(got, want) == 1
}
