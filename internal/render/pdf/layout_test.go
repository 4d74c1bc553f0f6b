package pdf

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
)

// wrap breaks at spaces only, loses and adds no word, fills each line as
// far as the width allows, and cuts the lines of a text written with
// single spaces from the text itself.
func TestMeasurer_Wrap(t *testing.T) {
	m, err := newMeasurer()
	if err != nil {
		t.Fatal(err)
	}
	const width, indent = 60.0, 12.7
	texts := []string{
		"",
		"   ",
		"Một",
		strings.Repeat("Từ-rất-dài-không-có-khoảng-trắng-", 4),
		"Năm 2025, toàn huyện đã triển khai đồng bộ các giải pháp phát triển kinh tế - xã hội, giữ vững quốc phòng, an ninh.",
		"  hai  khoảng   trắng\nvà xuống dòng\tgiữa các từ của một đoạn văn khá dài để được ngắt thành nhiều dòng  ",
	}
	for _, s := range texts {
		lines := m.wrap(s, fontstyle.Normal, bodySize, width, indent)
		words := strings.Fields(s)
		if got, want := strings.Join(lines, " "), strings.Join(words, " "); got != want {
			t.Errorf("%q: lines %q hold other words", s, lines)
			continue
		}
		limit := width - indent
		for i, l := range lines {
			if strings.Contains(l, "  ") || strings.TrimSpace(l) != l {
				t.Errorf("%q: line %d %q is not single-spaced", s, i, l)
			}
			if strings.Contains(l, " ") && m.width(l, fontstyle.Normal, bodySize) > limit-0.5 {
				t.Errorf("%q: line %d %q is wider than %v", s, i, l, limit)
			}
			if i+1 < len(lines) {
				next, _, _ := strings.Cut(lines[i+1], " ")
				if m.width(l+" "+next, fontstyle.Normal, bodySize) <= limit-0.5 {
					t.Errorf("%q: the word %q would have fitted on line %d", s, next, i)
				}
			}
			limit = width
		}
		if s == strings.Join(words, " ") {
			for i, l := range lines {
				if !within(l, s) {
					t.Errorf("%q: line %d is a copy, not a piece of the text", s, i)
				}
			}
		}
	}
}

// within says whether piece lies in the memory of s.
func within(piece, s string) bool {
	if piece == "" {
		return true
	}
	p, b := uintptr(unsafe.Pointer(unsafe.StringData(piece))), uintptr(unsafe.Pointer(unsafe.StringData(s)))
	return p >= b && p+uintptr(len(piece)) <= b+uintptr(len(s))
}
