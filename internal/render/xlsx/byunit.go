package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"baocao/internal/catalog"
)

// The "Theo đơn vị" sheet: one row per indicator cell, one column per
// expected unit, then the province. It is the largest sheet, so it is
// streamed.
const (
	byUnitHeaderRow = 3
	byUnitFixedCols = 4
	byUnitColWidth  = 12
)

func (b *book) byUnit() error {
	sw, err := b.f.NewStreamWriter(sheetByUnit)
	if err != nil {
		return fmt.Errorf("stream: %w", err)
	}
	units := b.s.Units
	lastCol := byUnitFixedCols + len(units) + 1
	widths := []float64{10, 40, 24, 10}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return fmt.Errorf("column width: %w", err)
		}
	}
	if err := sw.SetColWidth(byUnitFixedCols+1, lastCol, byUnitColWidth); err != nil {
		return fmt.Errorf("column width: %w", err)
	}
	for range lastCol - byUnitFixedCols {
		widths = append(widths, byUnitColWidth)
	}
	if err := sw.SetPanes(frozen(byUnitFixedCols, byUnitHeaderRow)); err != nil {
		return fmt.Errorf("panes: %w", err)
	}
	// The title lines are neither merged nor wrapped but run from column A
	// over the empty cells right of it: a merged title would be cut where
	// the printed page ends, and the second page across, repeating the
	// indicator columns, would show a stub of it.
	title := fmt.Sprintf("%s - %s", msgHeading, b.s.Round.Title)
	for r, line := range []excelize.Cell{{StyleID: b.st.titleLeft, Value: title}, {StyleID: b.st.noteLeft, Value: msgUnitsHeader}} {
		if err := sw.SetRow(cellName(1, r+1), []any{line}, excelize.RowOpts{Height: 22}); err != nil {
			return fmt.Errorf("title: %w", err)
		}
	}
	header := []any{
		excelize.Cell{StyleID: b.st.header, Value: hdrCode}, excelize.Cell{StyleID: b.st.header, Value: hdrName},
		excelize.Cell{StyleID: b.st.header, Value: hdrBreakdown}, excelize.Cell{StyleID: b.st.header, Value: hdrUOM},
	}
	for _, u := range units {
		header = append(header, excelize.Cell{StyleID: b.st.header, Value: u.Short})
	}
	header = append(header, excelize.Cell{StyleID: b.st.header, Value: hdrProvince})
	if err := sw.SetRow(cellName(1, byUnitHeaderRow), header, excelize.RowOpts{Height: 45}); err != nil {
		return fmt.Errorf("header: %w", err)
	}
	// Every cell carries its own style; the rows get a plain one as well
	// because excelize otherwise looks for a column style for each cell
	// without one of its own, through one column setting per unit once the
	// widths are set: a national round's matrix spent seconds there. The
	// row style only shows in the blank cells right of the table.
	plain, err := b.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: fontName, Size: 11}})
	if err != nil {
		return fmt.Errorf("row style: %w", err)
	}
	r := byUnitHeaderRow
	for _, rw := range b.rows {
		r++
		if err := sw.SetRow(cellName(1, r), b.byUnitRow(rw),
			excelize.RowOpts{Height: rowHeight(40, rw.ind.Name, 24, breakdown(rw.ind, rw.cell.Disaggregation)), StyleID: plain}); err != nil {
			return fmt.Errorf("row %s: %w", rw.cell.Key, err)
		}
	}
	ref := cellName(1, byUnitHeaderRow) + ":" + cellName(lastCol, max(r, byUnitHeaderRow+1))
	if err := b.f.AutoFilter(sheetByUnit, ref, nil); err != nil {
		return fmt.Errorf("autofilter: %w", err)
	}
	// The indicator columns repeat on every page across: a province's
	// units take more than one A3 page at a readable scale.
	if err := b.printSetup(sheetByUnit, widths, byUnitHeaderRow, byUnitFixedCols); err != nil {
		return err
	}
	// Settings made through the File must come before Flush: the
	// stream writes the worksheet as it stands then, and drops later edits.
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("flush: %w", err)
	}
	return nil
}

func (b *book) byUnitRow(rw row) []any {
	st := b.st.body
	if rw.isTotal() {
		st = b.st.bold
	}
	ind := rw.ind
	numStyle := st.number(ind.ValueType)
	out := []any{
		excelize.Cell{StyleID: st.text, Value: ind.Code},
		excelize.Cell{StyleID: st.wrap, Value: ind.Name},
		excelize.Cell{StyleID: st.wrap, Value: breakdown(ind, rw.cell.Disaggregation)},
		excelize.Cell{StyleID: st.wrap, Value: ind.UnitOfMeasure},
	}
	for _, u := range b.s.Units {
		c := excelize.Cell{StyleID: numStyle}
		if v, ok := rw.cell.Units[u.Code]; ok {
			c.Value = unitCell(ind, v)
			if _, isText := c.Value.(string); isText {
				c.StyleID = st.text
			}
		}
		out = append(out, c)
	}
	province := excelize.Cell{StyleID: numStyle}
	if t := rw.cell.Total; t != nil && ind.ValueType != catalog.TypeText {
		// A rate's province value comes from the summed parts, never from
		// the average of the units' rates; a boolean's is the yes count.
		if t.Number != nil {
			province.Value = *t.Number
		} else if v, ok := figure(ind, *t); ok {
			province.Value = v
		}
	}
	return append(out, province)
}
