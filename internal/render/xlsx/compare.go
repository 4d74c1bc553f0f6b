package xlsx

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"baocao/internal/consolidate"
	"baocao/internal/submission"
)

// The "So với năm trước" sheet, when the snapshot has a year-on-year
// comparison: each indicator's figure on the same ground in the previous
// round and in this one, and how it moved. Written cell by cell: it has a
// row per indicator, no more.
const compareHeaderRow = 4

func (b *book) compare() error {
	cmp := b.s.Comparison
	f, sheet := b.f, sheetCompare
	set := func(col, row int, v any, style int) error {
		name := cellName(col, row)
		if err := f.SetCellValue(sheet, name, v); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, name, name, style)
	}
	widths := []float64{6, 11, 52, 12, 16, 16, 14}
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return fmt.Errorf("column width: %w", err)
		}
	}
	if err := set(1, 1, fmt.Sprintf(msgCompareTitle, cmp.Year), b.st.title); err != nil {
		return err
	}
	note := fmt.Sprintf(msgCompareNote, cmp.Units, cmp.Reported, cmp.PreviousUnits, cmp.Year, cmp.PreviousReported, cmp.Round)
	if len(cmp.Outside) > 0 {
		note += fmt.Sprintf(msgCompareOutside, len(cmp.Outside), cmp.Year, strings.Join(cmp.Outside, "; "))
	}
	if err := set(1, 2, note, b.st.note); err != nil {
		return err
	}
	for _, m := range [][2]string{{"A1", "G1"}, {"A2", "G2"}} {
		if err := f.MergeCell(sheet, m[0], m[1]); err != nil {
			return fmt.Errorf("merge: %w", err)
		}
	}
	if err := f.SetRowHeight(sheet, 2, 15*float64(1+len(note)/140)); err != nil {
		return fmt.Errorf("row height: %w", err)
	}
	heads := []string{hdrNo, hdrCode, hdrName, hdrUOM, fmt.Sprintf(hdrYearSameGround, cmp.Year),
		fmt.Sprintf(hdrYearSameGround, b.s.Round.Year), hdrChange}
	for i, h := range heads {
		if err := set(i+1, compareHeaderRow, h, b.st.header); err != nil {
			return err
		}
	}
	row := compareHeaderRow
	for _, ch := range cmp.Figures {
		ind, ok := b.s.Indicator(ch.Indicator)
		if !ok {
			continue
		}
		row++
		cells := []any{row - compareHeaderRow, ind.Code, ind.Name, ind.UnitOfMeasure, compared(ind, ch.Previous), compared(ind, ch.Current), ""}
		if d, points, ok := ch.Delta(ind); ok {
			if points {
				cells[6] = fmt.Sprintf(msgChangePoints, d)
			} else {
				cells[6] = fmt.Sprintf(msgChangePercent, d*100)
			}
		}
		styles := []int{b.st.body.center, b.st.body.center, b.st.body.wrap, b.st.body.center, b.st.body.decimal, b.st.body.decimal, b.st.body.center}
		for i, v := range cells {
			if err := set(i+1, row, v, styles[i]); err != nil {
				return err
			}
		}
	}
	return b.printSetup(sheet, widths, compareHeaderRow, 0)
}

// compared is a compared value in the indicator's unit of measure, or an
// empty cell.
func compared(ind consolidate.IndicatorInfo, v *submission.Value) any {
	if v == nil {
		return ""
	}
	if f, ok := figure(ind, *v); ok {
		return f
	}
	return ""
}
