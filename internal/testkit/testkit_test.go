package testkit

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"baocao/internal/access"
)

func TestEventually_ReturnsOnceTheConditionHolds(t *testing.T) {
	asked := 0
	Eventually(t, 10*time.Second, "asked three times", func() (bool, error) {
		asked++
		if asked < 3 {
			return false, errors.New("not yet")
		}
		return true, nil
	})
	if asked != 3 {
		t.Fatalf("cond asked %d times, want 3", asked)
	}
}

// recorder stands for a test that Eventually fails.
type recorder struct {
	testing.TB
	failure string
}

func (r *recorder) Helper() {}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failure = fmt.Sprintf(format, args...)
}

func TestEventually_FailsNamingWhatAndTheLastError(t *testing.T) {
	r := &recorder{TB: t}
	start := time.Now()
	n := 0
	Eventually(r, 100*time.Millisecond, "the job is done", func() (bool, error) {
		n++
		return false, fmt.Errorf("attempt %d refused", n)
	})
	if took := time.Since(start); took < 100*time.Millisecond {
		t.Errorf("gave up after %s, before the 100ms allowed", took)
	}
	want := fmt.Sprintf("gave up after 100ms waiting until the job is done; last error: attempt %d refused", n)
	if r.failure != want || n < 2 {
		t.Fatalf("failure %q after %d attempts, want %q", r.failure, n, want)
	}
}

func TestPasswordCost_VerifiesAndIsRecorded(t *testing.T) {
	hash, err := access.HashPassword("mùa thu Hà Nội 2024", PasswordCost)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q does not record the cheap cost", hash)
	}
	if !access.VerifyPassword(hash, "mùa thu Hà Nội 2024") || access.VerifyPassword(hash, "mùa thu Hà Nội 2025") {
		t.Fatal("a cheap hash does not tell the right password from a wrong one")
	}
}
