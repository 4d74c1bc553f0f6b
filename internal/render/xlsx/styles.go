package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"baocao/internal/catalog"
)

// Number formats by value type.
const (
	fmtCount   = "#,##0"
	fmtDecimal = "#,##0.00"
	fmtAmount  = "#,##0.0"
	fmtTime    = "dd/mm/yyyy hh:mm"
)

const fontName = "Times New Roman"

// axisFont labels the charts' axes: dark and 10 pt, where the default is a
// pale grey 9 pt that prints barely legible.
var axisFont = excelize.Font{Family: fontName, Size: 10, Color: "262626"}

// cellStyles are the styles of a table body cell: plain and bold (the
// indicator's total row).
type cellStyles struct {
	text, wrap, center, count, decimal, amount int
}

// styles are the workbook's style ids.
type styles struct {
	title, subtitle, draft, note, header int
	signature, titleLeft, noteLeft       int
	body, bold                           cellStyles
	time                                 int
}

func newStyles(f *excelize.File) (styles, error) {
	var st styles
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	border := []excelize.Border{
		{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1},
	}
	font := func(bold bool, size float64) *excelize.Font {
		return &excelize.Font{Family: fontName, Size: size, Bold: bold}
	}
	st.title = mk(&excelize.Style{Font: font(true, 14), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	st.subtitle = mk(&excelize.Style{Font: font(true, 12), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	st.draft = mk(&excelize.Style{Font: &excelize.Font{Family: fontName, Size: 12, Bold: true, Color: "C00000"},
		Alignment: &excelize.Alignment{Horizontal: "center"}})
	st.titleLeft = mk(&excelize.Style{Font: font(true, 14), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}})
	st.noteLeft = mk(&excelize.Style{Font: &excelize.Font{Family: fontName, Size: 11, Italic: true},
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}})
	st.signature = mk(&excelize.Style{Font: font(false, 10),
		Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top", WrapText: true}})
	st.note = mk(&excelize.Style{Font: &excelize.Font{Family: fontName, Size: 11, Italic: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	st.header = mk(&excelize.Style{Font: font(true, 11), Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	body := func(bold bool) cellStyles {
		cell := func(numFmt string, align *excelize.Alignment) int {
			s := &excelize.Style{Font: font(bold, 11), Border: border, Alignment: align}
			if numFmt != "" {
				s.CustomNumFmt = &numFmt
			}
			return mk(s)
		}
		top := &excelize.Alignment{Vertical: "top"}
		return cellStyles{
			text:    cell("", top),
			wrap:    cell("", &excelize.Alignment{Vertical: "top", WrapText: true}),
			center:  cell("", &excelize.Alignment{Vertical: "top", Horizontal: "center"}),
			count:   cell(fmtCount, top),
			decimal: cell(fmtDecimal, top),
			amount:  cell(fmtAmount, top),
		}
	}
	st.body, st.bold = body(false), body(true)
	timeFmt := fmtTime
	st.time = mk(&excelize.Style{Font: font(false, 11), Border: border, CustomNumFmt: &timeFmt,
		Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}})
	if err != nil {
		return styles{}, fmt.Errorf("new style: %w", err)
	}
	return st, nil
}

// number is the style of a figure of the value type: counts whole,
// amounts to one decimal, rates and other numbers to two.
func (c cellStyles) number(valueType string) int {
	switch valueType {
	case catalog.TypeCount, catalog.TypeBoolean:
		return c.count
	case catalog.TypeAmount:
		return c.amount
	default:
		return c.decimal
	}
}
