package xlsx

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"baocao/internal/catalog"
	"baocao/internal/consolidate"
	"baocao/internal/submission"
)

// The "Tiến độ" sheet: every expected unit's standing in columns A to F,
// a summary block of COUNTIF formulas in H:I and a chart of units by
// status under it.
const (
	progressHeaderRow = 2
	blockCol          = 8 // H
	blockStatusRow    = 9 // header of the by-status table the chart reads
)

var progressStatuses = []string{statusOnTime, statusLate, statusDraft, statusReturn, statusMissing}

// standingLabels name the standings as the progress sheet does.
var standingLabels = map[submission.Standing]string{
	submission.StandingOnTime: statusOnTime, submission.StandingLate: statusLate,
	submission.StandingReturned: statusReturn, submission.StandingDraft: statusDraft,
	submission.StandingNotStarted: statusMissing,
}

// statusLabel is how the unit stands: submitted units on time or late,
// the others by why nothing is counted yet.
func (b *book) statusLabel(u consolidate.UnitStatus) string {
	return standingLabels[u.Standing(b.s.Round.DueAt)]
}

func (b *book) progress() error {
	sw, err := b.f.NewStreamWriter(sheetProgress)
	if err != nil {
		return fmt.Errorf("stream: %w", err)
	}
	// Column I holds its header "Số đơn vị theo trạng thái" on one line,
	// as row 9 is also a unit's row; the chart under the block is as wide
	// as H and I.
	widths := []float64{6, 42, 13, 17, 12, 14, 3, 34, 30}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return fmt.Errorf("column width: %w", err)
		}
	}
	if err := sw.SetPanes(frozen(0, progressHeaderRow)); err != nil {
		return fmt.Errorf("panes: %w", err)
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: b.st.title, Value: msgProgressTitle}}, excelize.RowOpts{Height: 24}); err != nil {
		return fmt.Errorf("title: %w", err)
	}
	if err := sw.MergeCell("A1", "I1"); err != nil {
		return fmt.Errorf("merge title: %w", err)
	}
	units := b.s.Completeness.Units
	last := progressHeaderRow + max(len(units), 1)
	block := b.progressBlock(units, last)
	top := max(last, blockStatusRow+len(progressStatuses))
	for r := progressHeaderRow; r <= top; r++ {
		cells := make([]any, blockCol-1, blockCol+1)
		switch i := r - progressHeaderRow - 1; {
		case r == progressHeaderRow:
			for j, h := range []string{hdrNo, hdrUnit, hdrStatus, hdrSubmittedAt, hdrAccepted, hdrIncluded} {
				cells[j] = excelize.Cell{StyleID: b.st.header, Value: h}
			}
		case i < len(units):
			copy(cells, b.unitProgress(i+1, units[i]))
		}
		cells = append(cells, block[r]...)
		opts := excelize.RowOpts{Height: 18}
		if r == progressHeaderRow {
			opts.Height = 32
		}
		if err := sw.SetRow(cellName(1, r), cells, opts); err != nil {
			return fmt.Errorf("row %d: %w", r, err)
		}
	}
	if err := b.f.AutoFilter(sheetProgress, fmt.Sprintf("A%d:F%d", progressHeaderRow, last), nil); err != nil {
		return fmt.Errorf("autofilter: %w", err)
	}
	if err := b.statusChart(chartWidth(widths[blockCol-1:])); err != nil {
		return err
	}
	if err := b.printSetup(sheetProgress, widths, progressHeaderRow, 0); err != nil {
		return err
	}
	// Settings made through the File must come before Flush: the
	// stream writes the worksheet as it stands then, and drops later edits.
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("flush: %w", err)
	}
	return nil
}

func (b *book) unitProgress(no int, u consolidate.UnitStatus) []any {
	st := b.st.body
	yesNo := func(v bool) excelize.Cell {
		if v {
			return excelize.Cell{StyleID: st.center, Value: msgYes}
		}
		return excelize.Cell{StyleID: st.center, Value: msgNo}
	}
	at := excelize.Cell{StyleID: b.st.time}
	if u.SubmittedAt != nil {
		// Excel has no time zones: the wall clock in Vietnam is written.
		l := u.SubmittedAt.In(vnZone)
		at.Value = time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC)
	}
	name := u.Name
	if u.DueAt != nil {
		// The status column is counted by label, so the extension goes
		// with the name.
		name += fmt.Sprintf(msgExtended, catalog.DeadlineText(*u.DueAt), u.DueReason)
	}
	return []any{
		excelize.Cell{StyleID: st.center, Value: no},
		excelize.Cell{StyleID: st.wrap, Value: name},
		excelize.Cell{StyleID: st.center, Value: b.statusLabel(u)},
		at,
		yesNo(u.Status == submission.StatusAccepted || u.Reviewed),
		yesNo(u.Included),
	}
}

// progressBlock is the summary block by row: formulas over the status
// column, cached with the counts of the same labels.
func (b *book) progressBlock(units []consolidate.UnitStatus, last int) map[int][]any {
	n := map[string]int{}
	for _, u := range units {
		n[b.statusLabel(u)]++
	}
	rng := fmt.Sprintf("$C$%d:$C$%d", progressHeaderRow+1, last)
	countif := func(label string) string { return fmt.Sprintf(`COUNTIF(%s,"%s")`, rng, label) }
	st := b.st.body
	line := func(label, formula string, v int) []any {
		return []any{excelize.Cell{StyleID: st.wrap, Value: label},
			excelize.Cell{StyleID: st.count, Formula: formula, Value: v}}
	}
	header := func(a, c string) []any {
		return []any{excelize.Cell{StyleID: b.st.header, Value: a}, excelize.Cell{StyleID: b.st.header, Value: c}}
	}
	submitted := n[statusOnTime] + n[statusLate]
	r := progressHeaderRow
	out := map[int][]any{
		r:     header(hdrStatus, hdrCount),
		r + 1: line(msgExpected, fmt.Sprintf("COUNTA($B$%d:$B$%d)", progressHeaderRow+1, last), len(units)),
		r + 2: line(msgSubmitted, countif(statusOnTime)+"+"+countif(statusLate), submitted),
		r + 3: line(msgOnTime, countif(statusOnTime), n[statusOnTime]),
		r + 4: line(msgLate, countif(statusLate), n[statusLate]),
		r + 5: line(msgMissing, fmt.Sprintf("I%d-I%d", r+1, r+2), len(units)-submitted),
	}
	out[blockStatusRow] = header(hdrStatus, msgByStatus)
	for i, s := range progressStatuses {
		out[blockStatusRow+1+i] = line(s, countif(s), n[s])
	}
	return out
}

// statusChart draws the units by status under the block, width pixels wide.
func (b *book) statusChart(width float64) error {
	first, last := blockStatusRow+1, blockStatusRow+len(progressStatuses)
	ref := func(col string, a, z int) string {
		return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheetProgress, col, a, col, z)
	}
	if err := b.f.AddChart(sheetProgress, fmt.Sprintf("H%d", last+2), &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{{
			Name:       fmt.Sprintf("'%s'!$I$%d", sheetProgress, blockStatusRow),
			Categories: ref("H", first, last),
			Values:     ref("I", first, last),
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: msgChartStatus}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true},
		XAxis:     excelize.ChartAxis{Font: axisFont},
		YAxis:     excelize.ChartAxis{Font: axisFont},
		Dimension: excelize.ChartDimension{Width: uint(width), Height: 260},
	}); err != nil {
		return fmt.Errorf("status chart: %w", err)
	}
	return nil
}
