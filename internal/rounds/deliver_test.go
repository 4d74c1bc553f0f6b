package rounds

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTruncate(t *testing.T) {
	long := strings.Repeat("ệ", 500) // 3 bytes each
	got := Truncate(long, MaxErrorText)
	if len(got) > MaxErrorText+len("…") || !strings.HasSuffix(got, "…") || !utf8.ValidString(got) {
		t.Fatalf("truncate: %d bytes, suffix %q", len(got), got[len(got)-6:])
	}
	if Truncate("ngắn", 100) != "ngắn" {
		t.Fatal("short text changed")
	}
}
