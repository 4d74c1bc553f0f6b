package pdf

import (
	"testing"
	"time"
)

func TestPlaceDate(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	tests := []struct {
		date time.Time
		want string
	}{
		{time.Date(2025, 11, 5, 9, 0, 0, 0, ict), "Kiên Giang, ngày 05 tháng 11 năm 2025"},
		{time.Date(2025, 1, 9, 9, 0, 0, 0, ict), "Kiên Giang, ngày 09 tháng 01 năm 2025"},
		{time.Date(2025, 2, 28, 9, 0, 0, 0, ict), "Kiên Giang, ngày 28 tháng 02 năm 2025"},
		{time.Date(2025, 3, 10, 9, 0, 0, 0, ict), "Kiên Giang, ngày 10 tháng 3 năm 2025"},
		{time.Date(2025, 12, 31, 9, 0, 0, 0, ict), "Kiên Giang, ngày 31 tháng 12 năm 2025"},
		// Late evening UTC is already the next day in Vietnam.
		{time.Date(2025, 9, 30, 18, 0, 0, 0, time.UTC), "Kiên Giang, ngày 01 tháng 10 năm 2025"},
	}
	for _, tt := range tests {
		if got := placeDate("Kiên Giang", tt.date); got != tt.want {
			t.Errorf("placeDate(%v) = %q, want %q", tt.date, got, tt.want)
		}
	}
}

func TestFormatHelpers(t *testing.T) {
	tests := []struct{ got, want string }{
		{roman(3), "III"},
		{roman(14), "XIV"},
		{fixed2(99.6120), "99,61"},
		{fixed2(65), "65,00"},
		{fixed2(1234.5), "1.234,50"},
		{sentenceCase("ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG"), "Ủy ban nhân dân tỉnh Kiên Giang"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: got %q, want %q", i, tt.got, tt.want)
		}
	}
	for target, want := range map[string]float64{"≥ 65% năm 2025; ≥ 75% năm 2030": 65, "trên 92,5 %": 92.5} {
		if got, ok := targetPercent(target); !ok || got != want {
			t.Errorf("targetPercent(%q) = %v, %v; want %v", target, got, ok, want)
		}
	}
	if _, ok := targetPercent("giảm dần"); ok {
		t.Error("targetPercent found a percentage in a text without one")
	}
}
