package xlsxform

import (
	"fmt"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"baocao/internal/wrap"
)

// Every sheet holding inputs reserves column A for row anchors and row 1
// for column markers; both are hidden.
const (
	anchorCol  = 1
	markerRow  = 1
	lineHeight = 15.0
)

// writer renders one workbook. Its methods stop at the first error, which
// Write reports, so rendering code reads as a list of cells.
type writer struct {
	f      *excelize.File
	st     styles
	err    error
	inputs []input
	// checks collects, per sheet, the cells of each data validation.
	checks map[string]map[string][]cellPos
}

type cellPos struct{ col, row int }

func (w *writer) fail(err error, format string, args ...any) {
	if w.err == nil && err != nil {
		w.err = fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), err)
	}
}

func name(col, row int) string {
	n, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err) // columns and rows come from the layout, never from input
	}
	return n
}

func colName(col int) string {
	n, err := excelize.ColumnNumberToName(col)
	if err != nil {
		panic(err)
	}
	return n
}

// set writes v (nil writes nothing) at col,row with style.
func (w *writer) set(sheet string, col, row int, v any, style int) {
	if w.err != nil {
		return
	}
	cell := name(col, row)
	if v != nil {
		w.fail(w.f.SetCellValue(sheet, cell, v), "set %s!%s", sheet, cell)
	}
	w.fail(w.f.SetCellStyle(sheet, cell, cell, style), "style %s!%s", sheet, cell)
}

// span writes v at col1,row and merges it with the cells up to col2.
func (w *writer) span(sheet string, col1, col2, row int, v any, style int) {
	w.set(sheet, col1, row, v, style)
	if w.err != nil || col2 <= col1 {
		return
	}
	first, last := name(col1, row), name(col2, row)
	w.fail(w.f.SetCellStyle(sheet, first, last, style), "style %s!%s:%s", sheet, first, last)
	w.fail(w.f.MergeCell(sheet, first, last), "merge %s!%s:%s", sheet, first, last)
}

func (w *writer) formula(sheet string, col, row int, formula string, style int) {
	w.set(sheet, col, row, nil, style)
	if w.err == nil {
		w.fail(w.f.SetCellFormula(sheet, name(col, row), formula), "formula %s!%s", sheet, name(col, row))
	}
}

func (w *writer) height(sheet string, row int, h float64) {
	if w.err == nil {
		w.fail(w.f.SetRowHeight(sheet, row, h), "row height %s!%d", sheet, row)
	}
}

func (w *writer) widths(sheet string, widths ...float64) {
	for i, width := range widths {
		if w.err == nil {
			c := colName(i + 1)
			w.fail(w.f.SetColWidth(sheet, c, c, width), "column width %s!%s", sheet, c)
		}
	}
}

// input writes an input cell, its row anchor and its column marker, and
// records it for the identity sheet; check names its data validation.
func (w *writer) input(in input, v any, style int, check string) {
	w.set(in.Sheet, in.Col, in.Row, v, style)
	w.set(in.Sheet, anchorCol, in.Row, in.anchor(), w.st.anchor)
	w.set(in.Sheet, in.Col, markerRow, colName(in.Col), w.st.anchor)
	w.inputs = append(w.inputs, in)
	if check != "" {
		if w.checks[in.Sheet] == nil {
			w.checks[in.Sheet] = map[string][]cellPos{}
		}
		w.checks[in.Sheet][check] = append(w.checks[in.Sheet][check], cellPos{in.Col, in.Row})
	}
}

// hideMarkers hides the anchor column and the marker row of sheet.
func (w *writer) hideMarkers(sheet string) {
	if w.err != nil {
		return
	}
	w.fail(w.f.SetColVisible(sheet, colName(anchorCol), false), "hide anchors of %s", sheet)
	w.fail(w.f.SetRowVisible(sheet, markerRow, false), "hide markers of %s", sheet)
}

// printA4 fits sheet to the width of an A4 page.
func (w *writer) printA4(sheet string, landscape bool) {
	if w.err != nil {
		return
	}
	size, fitW, fitH, fit := 9, 1, 0, true
	orientation := "portrait"
	if landscape {
		orientation = "landscape"
	}
	w.fail(w.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation,
		FitToWidth: &fitW, FitToHeight: &fitH}), "page layout of %s", sheet)
	w.fail(w.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}), "sheet props of %s", sheet)
	grid := false
	w.fail(w.f.SetSheetView(sheet, 0, &excelize.ViewOptions{ShowGridLines: &grid}), "view of %s", sheet)
}

// indentWidth is the width, in column units, an indented label loses to
// its indent.
const indentWidth = 2.0

// fitHeight sets row's height to fit the tallest of texts (each with the
// width it wraps in), at least minLines lines.
func (w *writer) fitHeight(sheet string, row, minLines int, texts map[string]float64) {
	n := minLines
	for text, width := range texts {
		n = max(n, wrap.Lines(text, width))
	}
	w.fitLines(sheet, row, n)
}

// fitLines sets row's height to hold n lines; a single line keeps the
// default height.
func (w *writer) fitLines(sheet string, row, n int) {
	if n > 1 {
		w.height(sheet, row, float64(n)*lineHeight+3)
	}
}

// squash turns cells into a space-separated list of column ranges.
func squash(cells []cellPos) string {
	sort.Slice(cells, func(i, j int) bool {
		if cells[i].col != cells[j].col {
			return cells[i].col < cells[j].col
		}
		return cells[i].row < cells[j].row
	})
	var refs []string
	for i := 0; i < len(cells); {
		j := i
		for j+1 < len(cells) && cells[j+1].col == cells[i].col && cells[j+1].row == cells[j].row+1 {
			j++
		}
		if j == i {
			refs = append(refs, name(cells[i].col, cells[i].row))
		} else {
			refs = append(refs, name(cells[i].col, cells[i].row)+":"+name(cells[j].col, cells[j].row))
		}
		i = j + 1
	}
	return strings.Join(refs, " ")
}

// protect locks sheet's structure but lets people format cells, columns and
// rows; no password, since it guards against accidents, not people.
func (w *writer) protect(sheet string) {
	if w.err == nil {
		w.fail(w.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
			FormatCells: true, FormatColumns: true, FormatRows: true,
			SelectLockedCells: true, SelectUnlockedCells: true,
		}), "protect %s", sheet)
	}
}
