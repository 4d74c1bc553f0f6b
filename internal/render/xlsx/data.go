package xlsx

import (
	"fmt"
	"sort"

	"github.com/xuri/excelize/v2"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// The "Dữ liệu" sheet is long format for pivot tables: one row per unit
// and cell holding a value, and one per cell with a province figure
// (unit code TOAN_TINH), as an Excel table.
var dataCols = []struct {
	name  string
	width float64
}{
	{hdrRound, 12}, {hdrUnitCode, 13}, {hdrUnitName, 30}, {hdrCode, 10}, {hdrName, 40},
	{hdrBreakCodes, 24}, {hdrBreakdown, 24}, {hdrUOM, 12}, {hdrValue, 12},
	{hdrNumerator, 12}, {hdrDenominator, 12}, {hdrText, 40},
}

// dataTable is the name of the Excel table over the long data.
const dataTable = "DuLieu"

func (b *book) data() error {
	sw, err := b.f.NewStreamWriter(sheetData)
	if err != nil {
		return fmt.Errorf("stream: %w", err)
	}
	header := make([]any, len(dataCols))
	for i, c := range dataCols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return fmt.Errorf("column width: %w", err)
		}
		header[i] = excelize.Cell{StyleID: b.st.header, Value: c.name}
	}
	if err := sw.SetPanes(frozen(0, 1)); err != nil {
		return fmt.Errorf("panes: %w", err)
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 30}); err != nil {
		return fmt.Errorf("header: %w", err)
	}
	names := map[string]string{provinceCode: hdrProvince}
	for _, u := range b.s.Units {
		names[u.Code] = u.Name
	}
	r := 1
	for _, rw := range b.rows {
		codes := make([]string, 0, len(rw.cell.Units))
		for code, v := range rw.cell.Units {
			if !v.Empty() {
				codes = append(codes, code)
			}
		}
		sort.Strings(codes)
		for _, code := range codes {
			r++
			if err := sw.SetRow(cellName(1, r), b.dataRow(rw, code, names[code], rw.cell.Units[code], false)); err != nil {
				return fmt.Errorf("row %s %s: %w", code, rw.cell.Key, err)
			}
		}
		if t := rw.cell.Total; t != nil && !t.Empty() {
			r++
			if err := sw.SetRow(cellName(1, r), b.dataRow(rw, provinceCode, hdrProvince, *t, true)); err != nil {
				return fmt.Errorf("row province %s: %w", rw.cell.Key, err)
			}
		}
	}
	if err := sw.AddTable(&excelize.Table{
		Range: "A1:" + cellName(len(dataCols), max(r, 2)), Name: dataTable,
		StyleName: "TableStyleLight9", ShowRowStripes: boolPtr(true),
	}); err != nil {
		return fmt.Errorf("table: %w", err)
	}
	widths := make([]float64, len(dataCols))
	for i, c := range dataCols {
		widths[i] = c.width
	}
	if err := b.printSetup(sheetData, widths, 1, 0); err != nil {
		return err
	}
	// Settings made through the File must come before Flush: the
	// stream writes the worksheet as it stands then, and drops later edits.
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("flush: %w", err)
	}
	return nil
}

// dataRow is one long-format row. Values are plain numbers so that pivot
// tables can sum them: booleans 1 or 0 (the province row counts the yes
// answers), rates their value with the parts beside it.
func (b *book) dataRow(rw row, code, name string, v submission.Value, province bool) []any {
	ind := rw.ind
	st := b.st.body
	out := []any{
		b.s.Round.Code, code, name, ind.Code, ind.Name,
		breakdownCodes(ind, rw.cell.Disaggregation), breakdown(ind, rw.cell.Disaggregation),
		uom(ind, province), nil, nil, nil, nil,
	}
	cell := func(f *float64, style int) any {
		if f == nil {
			return nil
		}
		return excelize.Cell{StyleID: style, Value: *f}
	}
	switch {
	case v.Text != nil:
		out[11] = *v.Text
	case province && ind.ValueType == catalog.TypeBoolean && v.Number != nil:
		out[8] = cell(v.Number, st.count)
	default:
		if f, ok := figure(ind, v); ok {
			out[8] = excelize.Cell{StyleID: st.number(ind.ValueType), Value: f}
		}
		out[9], out[10] = cell(v.Num, st.count), cell(v.Den, st.count)
	}
	return out
}

func boolPtr(v bool) *bool { return &v }
