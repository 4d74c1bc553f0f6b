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
		return &FieldError{Field: "password", Code: PasswordTooShort}
	}
	lower := strings.ToLower(password)
	if commonPasswords[lower] {
		return &FieldError{Field: "password", Code: PasswordCommon}
	}
	if username != "" && strings.Contains(lower, strings.ToLower(username)) && len(username) >= 4 {
		return &FieldError{Field: "password", Code: PasswordIsAccount}
	}
	return nil
}

// argon2id parameters (RFC 9106's second recommendation, lighter memory).
const (
	argonTime    = 3
	argonMemory  = 64 * 1024 // KiB
	argonThreads = 2
	argonKeyLen  = 32
)

// hashing bounds how many argon2id computations (64 MiB each) run at once,
// so a burst of sign-in attempts cannot exhaust memory.
var hashing = make(chan struct{}, 4)

func acquireHashing() func() {
	hashing <- struct{}{}
	return func() { <-hashing }
}

// HashPassword returns an argon2id hash in the PHC string format.
func HashPassword(password string) (string, error) {
	defer acquireHashing()()
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
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
	if memory > argonMemory*4 || time > 10 || threads == 0 {
		return false // not a hash this program made: refuse the cost
	}
	release := acquireHashing()
	got := argon2.IDKey([]byte(password), salt, time, memory, threads, uint32(len(want)))
	release()
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is verified against when a user does not exist, so that a
// wrong username costs as long as a wrong password.
var dummyHash, _ = HashPassword("not a real password, only for timing")

// VerifyNoUser spends the time a password check takes.
func VerifyNoUser(password string) { VerifyPassword(dummyHash, password) }
