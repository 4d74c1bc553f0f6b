package xlsxform

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Colours: input cells are light yellow, headers and computed cells grey.
const (
	colourInput    = "FFF2CC"
	colourHeader   = "D9E1F2"
	colourBlock    = "F2F2F2"
	colourComputed = "EDEDED"
	colourBorder   = "8C8C8C"
	colourAnchor   = "BFBFBF"
	fontName       = "Times New Roman"
)

// Excel's built-in number formats.
const (
	numFmtGeneral  = 0
	numFmtFixed2   = 2  // 0.00
	numFmtThousand = 3  // #,##0
	numFmtText     = 49 // @
)

// styles holds the style ids of one workbook.
type styles struct {
	title, subtitle, section, note         int
	coverKey, coverValue, paragraph        int
	blockCode, blockName, blockUnit        int
	header, label, labelTotal, blank       int
	computed, computedRate, computedNumber int
	inCount, inNumber, inText, inBool      int
	inNarrative, anchor                    int
	narrCode, narrTitle, narrGuidance      int
}

func border() []excelize.Border {
	var b []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		b = append(b, excelize.Border{Type: side, Color: colourBorder, Style: 1})
	}
	return b
}

func fill(colour string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Color: []string{colour}, Pattern: 1}
}

func font(size float64, bold, italic bool) *excelize.Font {
	return &excelize.Font{Family: fontName, Size: size, Bold: bold, Italic: italic}
}

func align(horizontal string, wrap bool) *excelize.Alignment {
	return &excelize.Alignment{Horizontal: horizontal, Vertical: "center", WrapText: wrap}
}

func indent(a *excelize.Alignment) *excelize.Alignment {
	a.Indent = 1
	return a
}

// newStyles registers every style the workbook uses.
func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	add := func(id *int, st excelize.Style) {
		if err != nil {
			return
		}
		if st.Font == nil {
			st.Font = font(11, false, false)
		}
		if st.Protection == nil {
			st.Protection = &excelize.Protection{Locked: true}
		}
		*id, err = f.NewStyle(&st)
	}
	unlocked := &excelize.Protection{Locked: false}
	add(&s.title, excelize.Style{Font: font(14, true, false), Alignment: align("center", true)})
	add(&s.subtitle, excelize.Style{Font: font(11, false, true), Alignment: align("center", true)})
	add(&s.section, excelize.Style{Font: font(12, true, false), Alignment: align("left", false)})
	add(&s.note, excelize.Style{Font: font(11, false, true), Alignment: align("left", true)})
	add(&s.coverKey, excelize.Style{Font: font(11, true, false), Alignment: align("left", true)})
	add(&s.coverValue, excelize.Style{Alignment: align("left", true)})
	add(&s.paragraph, excelize.Style{Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}})
	add(&s.blockCode, excelize.Style{Font: font(11, true, false), Fill: fill(colourBlock), Border: border(), Alignment: align("center", false)})
	add(&s.blockName, excelize.Style{Font: font(11, true, false), Fill: fill(colourBlock), Border: border(), Alignment: align("left", true)})
	add(&s.blockUnit, excelize.Style{Font: font(10, false, true), Fill: fill(colourBlock), Border: border(), Alignment: align("right", true)})
	add(&s.header, excelize.Style{Font: font(10, true, false), Fill: fill(colourHeader), Border: border(), Alignment: align("center", true)})
	add(&s.label, excelize.Style{Border: border(), Alignment: indent(align("left", true))})
	add(&s.labelTotal, excelize.Style{Font: font(11, true, false), Border: border(), Alignment: indent(align("left", true))})
	add(&s.blank, excelize.Style{Border: border()})
	add(&s.computed, excelize.Style{Font: font(11, true, false), Fill: fill(colourComputed), Border: border(), NumFmt: numFmtThousand, Alignment: align("right", false)})
	add(&s.computedNumber, excelize.Style{Font: font(11, true, false), Fill: fill(colourComputed), Border: border(), NumFmt: numFmtGeneral, Alignment: align("right", false)})
	add(&s.computedRate, excelize.Style{Fill: fill(colourComputed), Border: border(), NumFmt: numFmtFixed2, Alignment: align("right", false)})
	input := func(id *int, numFmt int, al *excelize.Alignment) {
		add(id, excelize.Style{Fill: fill(colourInput), Border: border(), NumFmt: numFmt, Alignment: al, Protection: unlocked})
	}
	input(&s.inCount, numFmtThousand, align("right", false))
	input(&s.inNumber, numFmtGeneral, align("right", false))
	input(&s.inText, numFmtText, &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true})
	input(&s.inBool, numFmtGeneral, align("center", false))
	input(&s.inNarrative, numFmtText, &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true})
	add(&s.anchor, excelize.Style{Font: &excelize.Font{Family: fontName, Size: 8, Color: colourAnchor}})
	add(&s.narrCode, excelize.Style{Font: font(10, true, false), Border: border(), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}})
	add(&s.narrTitle, excelize.Style{Font: font(11, true, false), Border: border(), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}})
	add(&s.narrGuidance, excelize.Style{Font: font(10, false, true), Border: border(), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}})
	if err != nil {
		return s, fmt.Errorf("create styles: %w", err)
	}
	return s, nil
}
