package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// The "Biểu đồ" sheet: the province value of each percentage indicator,
// linked to its row of "Tổng hợp", and a bar chart of them by code (the
// names are too long for axis labels; the table above the chart gives them).
const chartHeaderRow = 2

func (b *book) rateChart() error {
	sw, err := b.f.NewStreamWriter(sheetChart)
	if err != nil {
		return fmt.Errorf("stream: %w", err)
	}
	widths := []float64{10, 60, 12}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return fmt.Errorf("column width: %w", err)
		}
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: b.st.title, Value: msgChartTitle}}, excelize.RowOpts{Height: 24}); err != nil {
		return fmt.Errorf("title: %w", err)
	}
	if err := sw.MergeCell("A1", "C1"); err != nil {
		return fmt.Errorf("merge title: %w", err)
	}
	header := []any{
		excelize.Cell{StyleID: b.st.header, Value: hdrCode},
		excelize.Cell{StyleID: b.st.header, Value: hdrName},
		excelize.Cell{StyleID: b.st.header, Value: hdrRate + " (%)"},
	}
	if err := sw.SetRow(cellName(1, chartHeaderRow), header, excelize.RowOpts{Height: 32}); err != nil {
		return fmt.Errorf("header: %w", err)
	}
	st := b.st.body
	r := chartHeaderRow
	for i, rw := range b.rows {
		if rw.ind.Rate == nil || rw.ind.UnitOfMeasure != "%" || len(rw.cell.Disaggregation) != 0 || rw.cell.Total == nil {
			continue
		}
		v, ok := rw.cell.Total.Ratio(scale(rw.ind))
		if !ok {
			continue
		}
		r++
		link := fmt.Sprintf("'%s'!%s", sheetSummary, cellName(9, summaryHeaderRow+1+i))
		cells := []any{
			excelize.Cell{StyleID: st.text, Value: rw.ind.Code},
			excelize.Cell{StyleID: st.wrap, Value: rw.ind.Name},
			excelize.Cell{StyleID: st.decimal, Formula: link, Value: v},
		}
		if err := sw.SetRow(cellName(1, r), cells, excelize.RowOpts{Height: rowHeight(60, rw.ind.Name)}); err != nil {
			return fmt.Errorf("row %s: %w", rw.ind.Code, err)
		}
	}
	if r > chartHeaderRow {
		n := r - chartHeaderRow
		ref := func(col string) string {
			return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheetChart, col, chartHeaderRow+1, col, r)
		}
		if err := b.f.AddChart(sheetChart, fmt.Sprintf("A%d", r+2), &excelize.Chart{
			Type: excelize.Bar,
			Series: []excelize.ChartSeries{{
				Name:       fmt.Sprintf("'%s'!$C$%d", sheetChart, chartHeaderRow),
				Categories: ref("A"), Values: ref("C"),
			}},
			Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: msgChartRates}}},
			Legend:     excelize.ChartLegend{Position: "none"},
			PlotArea:   excelize.ChartPlotArea{ShowVal: true},
			YAxis:      excelize.ChartAxis{MajorGridLines: true, Font: axisFont},
			XAxis:      excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
			VaryColors: boolPtr(false),
			// As wide as the table above it, which fits an A4 portrait page.
			Dimension: excelize.ChartDimension{Width: uint(chartWidth(widths)), Height: uint(80 + 34*n)},
		}); err != nil {
			return fmt.Errorf("rate chart: %w", err)
		}
	}
	if err := b.printSetup(sheetChart, widths, chartHeaderRow, 0); err != nil {
		return err
	}
	// Settings made through the File must come before Flush: the
	// stream writes the worksheet as it stands then, and drops later edits.
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("flush: %w", err)
	}
	return nil
}

// chartWidth is the width in pixels of columns of widths.
func chartWidth(widths []float64) float64 {
	total := 0.0
	for _, w := range widths {
		total += w * pxPerWidth
	}
	return total
}
