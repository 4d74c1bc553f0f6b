package wrap

import "testing"

func TestLines(t *testing.T) {
	// A width of 11 units holds (11-1)×1.1 = 11 characters a line.
	tests := []struct {
		text  string
		width float64
		want  int
	}{
		{"", 11, 1},
		{"Trẻ em nữ", 11, 1},                // 9 characters
		{"Trẻ em nữ dưới", 11, 2},           // the fourth word goes to the next line
		{"Nhóm trẻ em có hoàn cảnh", 11, 3}, // word by word: "Nhóm trẻ em", "có hoàn", "cảnh"
		{"Chămsócgiáodụcbảovệ", 11, 2},      // a word longer than a line breaks
		{"Dòng một\nDòng hai", 40, 2},       // a line break starts a line
		{"Số trẻ em được chăm sóc", 2, 18},  // a line holds one character at least
	}
	for _, tt := range tests {
		if got := Lines(tt.text, tt.width); got != tt.want {
			t.Errorf("Lines(%q, %v) = %d, want %d", tt.text, tt.width, got, tt.want)
		}
	}
}
