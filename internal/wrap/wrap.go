// Package wrap estimates how text wraps in a spreadsheet column, for the
// two workbooks baocao writes (the agencies' form and the consolidated
// report): LibreOffice does not fit row heights to wrapped text when it
// opens a file, so each row's height is set from this estimate.
package wrap

import (
	"strings"
	"unicode/utf8"
)

// CharsPerUnit is how many characters of Vietnamese text in the 11 pt
// default font one unit of column width (one digit) holds. It is measured
// on DejaVu Serif, which LibreOffice substitutes for Times New Roman where
// that font is missing and which runs wider than it: a row tall enough
// there has a little room to spare in Excel, never too little.
const CharsPerUnit = 1.1

// CellPadding is the width, in column units, that a cell's margins take
// from its text.
const CellPadding = 1.0

// Lines estimates how many lines text takes wrapped in a column width
// wide. It wraps word by word, as Excel and LibreOffice do, so a long word
// pushed to the next line counts, and breaks a word longer than a line.
func Lines(text string, width float64) int {
	capacity := max(1, int((width-CellPadding)*CharsPerUnit))
	n := 0
	for _, para := range strings.Split(text, "\n") {
		n++
		used := 0
		for _, word := range strings.Fields(para) {
			wl := utf8.RuneCountInString(word)
			switch {
			case used == 0:
				used = wl
			case used+1+wl <= capacity:
				used += 1 + wl
			default:
				n++
				used = wl
			}
			for used > capacity {
				n++
				used -= capacity
			}
		}
	}
	return n
}
