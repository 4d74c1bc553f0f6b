package xlsxform

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"baocao/internal/submission"
)

// reader turns the mapped input cells of an opened workbook into a change.
type reader struct {
	ctx      context.Context
	f        *excelize.File
	spec     *submission.FormSpec
	sheets   map[string]bool // sheet → present
	problems []Problem
}

func (r *reader) problem(sheet, cell, msg string) {
	r.problems = append(r.problems, Problem{Sheet: sheet, Cell: cell, Message: msg})
}

// hasSheet reports whether sheet exists, reporting it missing once.
func (r *reader) hasSheet(sheet string) bool {
	present, seen := r.sheets[sheet]
	if !seen {
		idx, err := r.f.GetSheetIndex(sheet)
		present = err == nil && idx >= 0
		r.sheets[sheet] = present
		if !present {
			r.problem(sheet, "", msgSheetMissing)
		}
	}
	return present
}

// value reads a cell's raw value and type; ok is false when it could not.
func (r *reader) value(sheet, cell string) (string, excelize.CellType, bool) {
	v, err := r.f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		r.problem(sheet, cell, msgUnreadable)
		return "", excelize.CellTypeUnset, false
	}
	t, err := r.f.GetCellType(sheet, cell)
	if err != nil {
		r.problem(sheet, cell, msgUnreadable)
		return "", excelize.CellTypeUnset, false
	}
	return v, t, true
}

// inPlace checks the input's row anchor and column marker: a row or column
// inserted or deleted above or left of it moves them both.
func (r *reader) inPlace(in input) bool {
	anchor, _, ok1 := r.value(in.Sheet, name(anchorCol, in.Row))
	marker, _, ok2 := r.value(in.Sheet, name(in.Col, markerRow))
	if !ok1 || !ok2 {
		return false
	}
	if strings.TrimSpace(anchor) != in.anchor() || strings.TrimSpace(marker) != colName(in.Col) {
		r.problem(in.Sheet, in.cell(), msgCellMoved)
		return false
	}
	return true
}

func (r *reader) read(inputs []input) submission.Change {
	ch := submission.Change{Narratives: map[string]string{}, Explanations: map[string]string{}}
	for _, in := range inputs {
		if r.ctx.Err() != nil {
			break // Read reports it
		}
		if !r.hasSheet(in.Sheet) || !r.inPlace(in) {
			continue
		}
		raw, typ, ok := r.value(in.Sheet, in.cell())
		if !ok {
			continue
		}
		if strings.ContainsRune(raw, 0) || !utf8.ValidString(raw) {
			// "_x0000_" in a cell is a NUL to excelize, and PostgreSQL
			// stores no NUL in text.
			r.problem(in.Sheet, in.cell(), msgBadCharacter)
			continue
		}
		raw = strings.ReplaceAll(raw, "\r\n", "\n")
		switch in.Kind {
		case kindNarrative:
			ch.Narratives[in.Code] = raw
		case kindExplanation:
			ch.Explanations[in.Code] = raw
		case kindValue:
			cell, _ := r.spec.Cell(submission.Key(in.Code)) // covers checked it exists
			is, _ := r.spec.Indicator(cell.Indicator)
			text := raw
			if numeric(is.ValueType) {
				text = numberText(raw, typ)
			}
			d := submission.Disaggregation{}
			for k, v := range cell.Disaggregation {
				d[k] = v
			}
			ch.Entries = append(ch.Entries, submission.Entry{Indicator: cell.Indicator, Disaggregation: d,
				Part: in.Part, Text: &text, Where: cellRef(in.Sheet, in.cell())})
		}
	}
	return ch
}

// numberText turns a number cell's stored value into text that
// submission.ParseNumber reads back exactly: a stored 1.234 is one point
// two three four, while the same characters typed as text mean 1234. So
// stored numbers get a decimal comma and no thousands separator, and text
// is passed on as typed.
func numberText(raw string, typ excelize.CellType) string {
	if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		return raw
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil {
		return raw
	}
	return strings.Replace(strconv.FormatFloat(f, 'f', -1, 64), ".", ",", 1)
}
