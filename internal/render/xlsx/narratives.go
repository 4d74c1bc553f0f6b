package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"baocao/internal/consolidate"
)

// The "Thuyết minh" sheet: each unit's text under its narrative section,
// sections in the plan's order.
const narrHeaderRow = 2

func (b *book) narratives() error {
	sw, err := b.f.NewStreamWriter(sheetNarratives)
	if err != nil {
		return fmt.Errorf("stream: %w", err)
	}
	widths := []float64{6, 34, 26, 100}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return fmt.Errorf("column width: %w", err)
		}
	}
	if err := sw.SetPanes(frozen(0, narrHeaderRow)); err != nil {
		return fmt.Errorf("panes: %w", err)
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: b.st.title, Value: msgNarrTitle}}, excelize.RowOpts{Height: 24}); err != nil {
		return fmt.Errorf("title: %w", err)
	}
	if err := sw.MergeCell("A1", "D1"); err != nil {
		return fmt.Errorf("merge title: %w", err)
	}
	header := []any{}
	for _, h := range []string{hdrNo, hdrSection, hdrUnit, hdrText} {
		header = append(header, excelize.Cell{StyleID: b.st.header, Value: h})
	}
	if err := sw.SetRow(cellName(1, narrHeaderRow), header, excelize.RowOpts{Height: 20}); err != nil {
		return fmt.Errorf("header: %w", err)
	}
	titles := map[string]string{}
	for _, ns := range b.s.Plan.NarrativeSections {
		titles[ns.Code] = ns.Title
	}
	st := b.st.body
	r := narrHeaderRow
	for i, n := range b.orderedNarratives() {
		r++
		title := titles[n.Section]
		if title == "" {
			title = n.Section
		}
		cells := []any{
			excelize.Cell{StyleID: st.center, Value: i + 1},
			excelize.Cell{StyleID: st.wrap, Value: title},
			excelize.Cell{StyleID: st.wrap, Value: n.UnitName},
			excelize.Cell{StyleID: st.wrap, Value: n.Text},
		}
		if err := sw.SetRow(cellName(1, r), cells,
			excelize.RowOpts{Height: rowHeight(34, title, 26, n.UnitName, 100, n.Text)}); err != nil {
			return fmt.Errorf("row %d: %w", r, err)
		}
	}
	if err := b.f.AutoFilter(sheetNarratives, fmt.Sprintf("A%d:D%d", narrHeaderRow, max(r, narrHeaderRow+1)), nil); err != nil {
		return fmt.Errorf("autofilter: %w", err)
	}
	if err := b.printSetup(sheetNarratives, widths, narrHeaderRow, 0); err != nil {
		return err
	}
	// Settings made through the File must come before Flush: the
	// stream writes the worksheet as it stands then, and drops later edits.
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("flush: %w", err)
	}
	return nil
}

// orderedNarratives sorts the narratives by section in plan order, keeping
// the snapshot's order of units within a section.
func (b *book) orderedNarratives() []consolidate.Narrative {
	var out []consolidate.Narrative
	seen := map[string]bool{}
	for _, ns := range b.s.Plan.NarrativeSections {
		seen[ns.Code] = true
		for _, n := range b.s.Narratives {
			if n.Section == ns.Code {
				out = append(out, n)
			}
		}
	}
	for _, n := range b.s.Narratives {
		if !seen[n.Section] {
			out = append(out, n)
		}
	}
	return out
}
