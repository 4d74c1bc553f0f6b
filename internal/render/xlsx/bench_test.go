package xlsx

import (
	"sort"
	"testing"

	"baocao/internal/consolidate/consolidatetest"
)

func benchBook(b *testing.B) *book {
	b.Helper()
	s := consolidatetest.DemoSnapshot(b)
	return &book{s: s, rows: cellRows(s)}
}

// BenchmarkDataRows builds every row of the long "Dữ liệu" sheet of the
// demo snapshot, one per unit and cell holding a value and one per
// province figure: the per-cell work of the workbook's largest sheet
// (numbers go to Excel as numbers, formatted by the cell style).
func BenchmarkDataRows(b *testing.B) {
	bk := benchBook(b)
	rows := 0
	for _, rw := range bk.rows {
		rows += len(rw.cell.Units) + 1
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, rw := range bk.rows {
			codes := make([]string, 0, len(rw.cell.Units))
			for code := range rw.cell.Units {
				codes = append(codes, code)
			}
			sort.Strings(codes)
			for _, code := range codes {
				bk.dataRow(rw, code, code, rw.cell.Units[code], false)
			}
			if t := rw.cell.Total; t != nil {
				bk.dataRow(rw, provinceCode, hdrProvince, *t, true)
			}
		}
	}
	b.ReportMetric(float64(rows), "rows/op")
}

// BenchmarkUnitCells is the indicator × unit matrix's cells: each unit's
// value as the number, text or yes/no the sheet shows.
func BenchmarkUnitCells(b *testing.B) {
	bk := benchBook(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, rw := range bk.rows {
			for _, u := range bk.s.Units {
				if v, ok := rw.cell.Units[u.Code]; ok {
					unitCell(rw.ind, v)
				}
			}
		}
	}
}

// BenchmarkRender renders the whole demo workbook.
func BenchmarkRender(b *testing.B) {
	bk := benchBook(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(bk.s, testMeta); err != nil {
			b.Fatal(err)
		}
	}
}
