package xlsxform

import (
	"fmt"
	"strconv"

	"baocao/internal/catalog"
	"baocao/internal/submission"
	"baocao/internal/wrap"
)

// Data validation kinds.
const (
	checkWhole   = "whole"
	checkDecimal = "decimal"
	checkAmount  = "amount"
	checkBool    = "bool"
)

// dataLayout is the columns of one data sheet: A anchors, B indicator
// codes, then one column per dimension (as many as the most disaggregated
// indicator of the sheet needs), then one value column, or three when the
// sheet has a rate (numerator, denominator, computed rate).
type dataLayout struct {
	labels, values int
}

const codeCol, firstLabelCol = 2, 3

func layoutFor(sec submission.Section) dataLayout {
	l := dataLayout{labels: 1, values: 1}
	for _, is := range sec.Indicators {
		l.labels = max(l.labels, len(is.Dims))
		if is.ValueType == catalog.TypeRate {
			l.values = 3
		}
	}
	return l
}

func (l dataLayout) firstValue() int { return firstLabelCol + l.labels }
func (l dataLayout) last() int       { return l.firstValue() + l.values - 1 }

func (l dataLayout) labelWidth() float64 {
	if l.values == 1 {
		return 58
	}
	return 46
}

func (l dataLayout) widths() []float64 {
	out := []float64{2, 8}
	for i := 0; i < l.labels; i++ {
		out = append(out, l.labelWidth()/float64(l.labels))
	}
	if l.values == 1 {
		return append(out, 22)
	}
	return append(out, 17, 17, 12)
}

func (l dataLayout) valuesWidth() float64 { return l.span(l.firstValue(), l.last()) }

// span is the width of the columns from col1 to col2, a merged cell's.
func (l dataLayout) span(col1, col2 int) float64 {
	total := 0.0
	for _, cw := range l.widths()[col1-1 : col2] {
		total += cw
	}
	return total
}

func numeric(valueType string) bool {
	switch valueType {
	case catalog.TypeCount, catalog.TypeNumber, catalog.TypeAmount, catalog.TypeRate:
		return true
	}
	return false
}

// dataSheet renders one task group: a title, then a block per indicator.
func (w *writer) dataSheet(sheet string, sec submission.Section, cover Cover, content submission.Content) {
	if w.err != nil {
		return
	}
	if _, err := w.f.NewSheet(sheet); err != nil {
		w.fail(err, "add %s", sheet)
		return
	}
	l := layoutFor(sec)
	w.widths(sheet, l.widths()...)
	title := fmt.Sprintf(txtDataTitle, sheet, sec.TaskGroup.Code, sec.TaskGroup.Title)
	w.span(sheet, codeCol, l.last(), 2, title, w.st.title)
	w.fitHeight(sheet, 2, 1, map[string]float64{title: l.labelWidth() * 0.8})
	w.span(sheet, codeCol, l.last(), 3, subtitle(cover), w.st.subtitle)
	row := 5
	for i := range sec.Indicators {
		row = w.block(sheet, l, &sec.Indicators[i], content, row) + 1
	}
	w.hideMarkers(sheet)
	w.printA4(sheet, false)
}

// block renders one indicator from row and returns the row after it.
func (w *writer) block(sheet string, l dataLayout, is *submission.IndicatorSpec, content submission.Content, row int) int {
	fv, last := l.firstValue(), l.last()
	uom := fmt.Sprintf(txtUnitOfMeasure, is.UnitOfMeasure)
	w.set(sheet, codeCol, row, is.Code, w.st.blockCode)
	w.span(sheet, firstLabelCol, fv-1, row, is.Name, w.st.blockName)
	w.span(sheet, fv, last, row, uom, w.st.blockUnit)
	w.fitHeight(sheet, row, 1, map[string]float64{is.Name: l.labelWidth(), uom: l.valuesWidth()})
	row++

	w.set(sheet, codeCol, row, nil, w.st.header)
	headers := valueHeaders(is)
	n := 1
	if wideText(is) {
		w.span(sheet, firstLabelCol, last, row, headers[0], w.st.header)
		n = wrap.Lines(headers[0], l.span(firstLabelCol, last))
	} else {
		n = w.labelHeaders(sheet, l, is, row)
		for i, h := range headers {
			if is.ValueType == catalog.TypeText {
				w.span(sheet, fv, last, row, h, w.st.header)
				n = max(n, wrap.Lines(h, l.span(fv, last)))
				break
			}
			w.set(sheet, fv+i, row, h, w.st.header)
			n = max(n, wrap.Lines(h, l.span(fv+i, fv+i)))
		}
	}
	// A header taller than its row would spill over the indicator's name
	// above it: the cells are centred vertically.
	w.fitLines(sheet, row, n)
	row++

	derived := len(is.Dims) > 0 && is.Total != catalog.TotalEntered && numeric(is.ValueType)
	totalRow := row
	if derived {
		row++
	}
	first := row
	for _, c := range is.Cells {
		w.cellRow(sheet, l, is, c, content.Values[c.Key], row)
		row++
	}
	if derived {
		w.totalRow(sheet, l, is, totalRow, first, row-1)
	}
	return row
}

// wideText reports whether is is a text without dimensions, whose input
// takes the whole width of the table, labels included.
func wideText(is *submission.IndicatorSpec) bool {
	return is.ValueType == catalog.TypeText && len(is.Dims) == 0
}

// labelHeaders names the dimensions of is over the label columns and
// returns the lines the tallest name takes.
func (w *writer) labelHeaders(sheet string, l dataLayout, is *submission.IndicatorSpec, row int) int {
	if len(is.Dims) == 0 {
		w.span(sheet, firstLabelCol, l.firstValue()-1, row, txtNoDimension, w.st.header)
		return 1
	}
	n := 1
	for i, d := range is.Dims {
		end := firstLabelCol + i
		if i == len(is.Dims)-1 {
			end = l.firstValue() - 1
		}
		w.span(sheet, firstLabelCol+i, end, row, d.Name, w.st.header)
		n = max(n, wrap.Lines(d.Name, l.span(firstLabelCol+i, end)))
	}
	return n
}

// valueHeaders names an indicator's value columns.
func valueHeaders(is *submission.IndicatorSpec) []string {
	switch is.ValueType {
	case catalog.TypeRate:
		num, den := txtNumerator, txtDenominator
		if is.Rate != nil {
			num += "\n(" + is.Rate.Numerator + ")"
			den += "\n(" + is.Rate.Denominator + ")"
		}
		return []string{num, den, fmt.Sprintf(txtRateFormat, is.UnitOfMeasure)}
	case catalog.TypeText:
		return []string{txtText}
	case catalog.TypeBoolean:
		return []string{txtBoolean}
	}
	return []string{txtValue}
}

// labelCells writes the labels of a row: one per dimension, the last one
// spanning the unused label columns. It returns the lines the tallest
// label takes, for the caller to size the row with its other cells.
func (w *writer) labelCells(sheet string, l dataLayout, labels []string, style, row int) int {
	w.set(sheet, codeCol, row, nil, w.st.blank)
	n := 1
	for i, lab := range labels {
		end := firstLabelCol + i
		if i == len(labels)-1 {
			end = l.firstValue() - 1
		}
		w.span(sheet, firstLabelCol+i, end, row, lab, style)
		// Labels are indented by one level (styles.go).
		n = max(n, wrap.Lines(lab, l.span(firstLabelCol+i, end)-indentWidth))
	}
	return n
}

func (w *writer) cellRow(sheet string, l dataLayout, is *submission.IndicatorSpec, c submission.Cell, v submission.Value, row int) {
	in := input{Sheet: sheet, Col: l.firstValue(), Row: row, Kind: kindValue, Code: string(c.Key)}
	if wideText(is) {
		w.set(sheet, codeCol, row, nil, w.st.blank)
		in.Col = firstLabelCol
		w.textInput(in, l, v, 1)
		return
	}
	var n int
	switch {
	case c.Total:
		n = w.labelCells(sheet, l, []string{txtTotalEntered}, w.st.labelTotal, row)
	case len(c.Labels) == 0:
		n = w.labelCells(sheet, l, []string{txtWholeUnit}, w.st.label, row)
	default:
		n = w.labelCells(sheet, l, c.Labels, w.st.label, row)
	}
	if is.ValueType != catalog.TypeText {
		w.fitLines(sheet, row, n)
	}
	fv := l.firstValue()
	switch is.ValueType {
	case catalog.TypeRate:
		num, den := in, in
		num.Part, den.Part = submission.PartNumerator, submission.PartDenominator
		den.Col = fv + 1
		w.input(num, floatOrNil(v.Num), w.st.inCount, checkWhole)
		w.input(den, floatOrNil(v.Den), w.st.inCount, checkWhole)
		w.formula(sheet, fv+2, row, rateFormula(is, name(fv, row), name(fv+1, row)), w.st.computedRate)
	case catalog.TypeText:
		w.textInput(in, l, v, n)
	case catalog.TypeBoolean:
		var b any
		if v.Bool != nil {
			b = map[bool]string{true: txtYes, false: txtNo}[*v.Bool]
		}
		w.input(in, b, w.st.inBool, checkBool)
	case catalog.TypeCount:
		w.input(in, floatOrNil(v.Number), w.st.inCount, checkWhole)
	case catalog.TypeAmount:
		w.input(in, floatOrNil(v.Number), w.st.inNumber, checkAmount)
	default:
		w.input(in, floatOrNil(v.Number), w.st.inNumber, checkDecimal)
	}
}

// textInput writes a text input from in.Col to the table's last column,
// in a row at least three lines tall and at least labelLines, the lines
// the row's labels take.
func (w *writer) textInput(in input, l dataLayout, v submission.Value, labelLines int) {
	var text any
	texts := map[string]float64{}
	if v.Text != nil {
		text = *v.Text
		texts[*v.Text] = l.span(in.Col, l.last())
	}
	w.input(in, text, w.st.inText, "")
	w.span(in.Sheet, in.Col, l.last(), in.Row, nil, w.st.inText)
	w.fitHeight(in.Sheet, in.Row, max(3, labelLines), texts)
}

// totalRow writes the derived total: sums of the cells below it.
func (w *writer) totalRow(sheet string, l dataLayout, is *submission.IndicatorSpec, row, first, last int) {
	w.fitLines(sheet, row, w.labelCells(sheet, l, []string{txtTotalDerived}, w.st.labelTotal, row))
	fv := l.firstValue()
	sum := func(col int) string { return fmt.Sprintf("SUM(%s:%s)", name(col, first), name(col, last)) }
	style := w.st.computed
	if is.ValueType == catalog.TypeNumber || is.ValueType == catalog.TypeAmount {
		style = w.st.computedNumber
	}
	w.formula(sheet, fv, row, sum(fv), style)
	if is.ValueType == catalog.TypeRate {
		w.formula(sheet, fv+1, row, sum(fv+1), w.st.computed)
		w.formula(sheet, fv+2, row, rateFormula(is, name(fv, row), name(fv+1, row)), w.st.computedRate)
	}
}

// rateFormula computes a rate from its parts, blank until both are there.
func rateFormula(is *submission.IndicatorSpec, num, den string) string {
	scale := 100.0
	if is.Rate != nil && is.Rate.Scale != 0 {
		scale = is.Rate.Scale
	}
	return fmt.Sprintf(`IF(AND(ISNUMBER(%[1]s),ISNUMBER(%[2]s),%[2]s<>0),%[1]s/%[2]s*%[3]s,"")`,
		num, den, strconv.FormatFloat(scale, 'f', -1, 64))
}

func floatOrNil(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
