package access

import (
	"crypto/rand"
	"strings"
)

// passwordAlphabet leaves out what is misread when a password is printed
// or read aloud: 0/o, 1/l/i, and capitals altogether.
const passwordAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"

// GeneratedPasswordGroups and GeneratedGroupLength shape a generated
// password: 3 groups of 4 characters joined by hyphens ("k7m2-pq9x-4hzt"),
// 12 random characters, about 59 bits.
const (
	GeneratedPasswordGroups = 3
	GeneratedGroupLength    = 4
)

// GeneratePassword returns a random password, from crypto/rand, for a
// person to type once: a first-time or reset password that must be changed
// at the next sign-in. It satisfies CheckPassword for username.
func GeneratePassword(username string) string {
	for {
		var b strings.Builder
		for g := range GeneratedPasswordGroups {
			if g > 0 {
				b.WriteByte('-')
			}
			for range GeneratedGroupLength {
				b.WriteByte(passwordAlphabet[randIndex(len(passwordAlphabet))])
			}
		}
		if CheckPassword(username, b.String()) == nil {
			return b.String()
		}
	}
}

// randIndex is a uniform random number in [0, n), n ≤ 256, by rejection.
func randIndex(n int) int {
	limit := 256 - 256%n
	var buf [1]byte
	for {
		rand.Read(buf[:]) // never fails: it crashes the program instead
		if int(buf[0]) < limit {
			return int(buf[0]) % n
		}
	}
}
