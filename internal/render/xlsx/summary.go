package xlsx

import (
	"fmt"
	"math"
	"time"

	"github.com/xuri/excelize/v2"

	"baocao/internal/catalog"
	"baocao/internal/wrap"
)

// The "Tổng hợp" sheet: a title block, then the province figure of every
// indicator cell from summaryHeaderRow on.
const summaryHeaderRow = 9

var summaryCols = []struct {
	name  string
	width float64
}{
	{hdrNo, 6}, {hdrCode, 10}, {hdrName, 46}, {hdrBreakdown, 26}, {hdrUOM, 12},
	{hdrValue, 16}, {hdrNumerator, 14}, {hdrDenominator, 14}, {hdrRate, 10},
}

func (b *book) summary() error {
	sw, err := b.f.NewStreamWriter(sheetSummary)
	if err != nil {
		return fmt.Errorf("stream: %w", err)
	}
	for i, c := range summaryCols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return fmt.Errorf("column width: %w", err)
		}
	}
	if err := sw.SetPanes(frozen(0, summaryHeaderRow)); err != nil {
		return fmt.Errorf("panes: %w", err)
	}
	if err := b.titleBlock(sw, len(summaryCols)); err != nil {
		return err
	}
	header := make([]any, len(summaryCols))
	for i, c := range summaryCols {
		header[i] = excelize.Cell{StyleID: b.st.header, Value: c.name}
	}
	if err := sw.SetRow(cellName(1, summaryHeaderRow), header, excelize.RowOpts{Height: 30}); err != nil {
		return fmt.Errorf("header: %w", err)
	}
	r := summaryHeaderRow
	for i, rw := range b.rows {
		r++
		if err := sw.SetRow(cellName(1, r), b.summaryRow(i+1, r, rw),
			excelize.RowOpts{Height: rowHeight(46, rw.ind.Name, 26, breakdown(rw.ind, rw.cell.Disaggregation), 12, uom(rw.ind, true))}); err != nil {
			return fmt.Errorf("row %s: %w", rw.cell.Key, err)
		}
	}
	last := cellName(len(summaryCols), max(r, summaryHeaderRow+1))
	if err := b.f.AutoFilter(sheetSummary, cellName(1, summaryHeaderRow)+":"+last, nil); err != nil {
		return fmt.Errorf("autofilter: %w", err)
	}
	widths := make([]float64, len(summaryCols))
	for i, c := range summaryCols {
		widths[i] = c.width
	}
	if err := b.printSetup(sheetSummary, widths, summaryHeaderRow, 0); err != nil {
		return err
	}
	// Settings made through the File must come before Flush: the
	// stream writes the worksheet as it stands then, and drops later edits.
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("flush: %w", err)
	}
	return nil
}

// titleLine is one merged cell of the title block.
type titleLine struct {
	row, from, to int
	style         int
	text          string
	height        float64
}

// titleBlock writes rows 1 to 8: issuer, number and date, the draft mark,
// the heading, the round, completeness, the snapshot it comes from and
// the days the figures are counted over. An issued report shows its
// signature information at the top right, the issuer moving to the left
// half over the number, as on an administrative document's first page.
func (b *book) titleBlock(sw *excelize.StreamWriter, width int) error {
	s := b.s
	iss := b.m.Roles.Issuer
	split := width / 2
	issuer := titleLine{1, 1, width, b.st.subtitle, iss.IssuingBody, 20}
	sig, signed := b.signature()
	if signed {
		issuer.to, issuer.height = split, 30
	}
	lines := []titleLine{
		issuer,
		{2, 1, split, b.st.note, msgNumber + b.m.NumberSymbol(), 18},
		{2, split + 1, width, b.st.note, b.m.DateLine(vnZone), 18},
		{4, 1, width, b.st.title, msgHeading, 22},
		{5, 1, width, b.st.subtitle, s.Round.Title, 20},
		{6, 1, width, b.st.note, b.completenessLine(), 32},
		{7, 1, width, b.st.note, fmt.Sprintf(msgSnapshot, s.Round.Code, shortHash(s.Hash)), 18},
	}
	if !s.Round.Cutoff.IsZero() {
		lines = append(lines, titleLine{8, 1, width, b.st.note, catalog.DataWindowText(s.Round.DataFrom, s.Round.Cutoff), 18})
	}
	if !b.m.Issued {
		lines = append(lines, titleLine{3, 1, width, b.st.draft, msgDraft, 18})
	}
	if signed {
		lines = append(lines, titleLine{1, split + 1, width, b.st.signature, sig, 30})
	}
	// Rows are written whole, so the cells of row 2 are gathered first.
	byRow := map[int][]any{}
	heights := map[int]float64{}
	for _, l := range lines {
		cells := byRow[l.row]
		for len(cells) < width {
			cells = append(cells, nil)
		}
		cells[l.from-1] = excelize.Cell{StyleID: l.style, Value: l.text}
		byRow[l.row] = cells
		heights[l.row] = l.height
		if l.to > l.from {
			if err := sw.MergeCell(cellName(l.from, l.row), cellName(l.to, l.row)); err != nil {
				return fmt.Errorf("merge title: %w", err)
			}
		}
	}
	for r := 1; r < summaryHeaderRow; r++ {
		cells, ok := byRow[r]
		if !ok {
			continue
		}
		if err := sw.SetRow(cellName(1, r), cells, excelize.RowOpts{Height: heights[r]}); err != nil {
			return fmt.Errorf("title row %d: %w", r, err)
		}
	}
	return nil
}

// signature is the signature information of an issued, signed report. A
// draft shows none even when given one: it was not signed.
func (b *book) signature() (string, bool) {
	sig := b.m.Signature
	if !b.m.Issued || sig == nil {
		return "", false
	}
	return fmt.Sprintf(msgSignature, sig.NumberSymbol, sig.SignedAt.In(vnZone).Format(time.RFC3339)), true
}

func (b *book) completenessLine() string {
	c := b.s.Completeness
	line := fmt.Sprintf(msgCompleteness, c.Submitted, c.Expected, c.OnTime, c.Late, c.Missing, c.Included)
	if b.s.IncludesUnreviewed {
		line += msgUnreviewed
	}
	return line
}

// summaryRow is one province figure. A derived total is the SUM of its
// parts' cells and a rate the quotient of its summed parts, as formulas
// holding the snapshot's figures as cached values.
func (b *book) summaryRow(no, r int, rw row) []any {
	st := b.st.body
	if rw.isTotal() {
		st = b.st.bold
	}
	ind, t := rw.ind, rw.cell.Total
	out := []any{
		excelize.Cell{StyleID: st.center, Value: no},
		excelize.Cell{StyleID: st.text, Value: ind.Code},
		excelize.Cell{StyleID: st.wrap, Value: ind.Name},
		excelize.Cell{StyleID: st.wrap, Value: breakdown(ind, rw.cell.Disaggregation)},
		excelize.Cell{StyleID: st.wrap, Value: uom(ind, true)},
		excelize.Cell{StyleID: st.number(ind.ValueType)},
		excelize.Cell{StyleID: st.count},
		excelize.Cell{StyleID: st.count},
		excelize.Cell{StyleID: st.decimal},
	}
	set := func(col int, formula string, v any) {
		c := out[col-1].(excelize.Cell)
		c.Formula, c.Value = formula, v
		out[col-1] = c
	}
	sum := func(col int) string {
		if rw.parts == 0 {
			return ""
		}
		return fmt.Sprintf("SUM(%s:%s)", cellName(col, r+1), cellName(col, r+rw.parts))
	}
	switch {
	case ind.ValueType == catalog.TypeText:
		c := out[5].(excelize.Cell)
		c.StyleID, c.Value = st.wrap, fmt.Sprintf(msgTextUnits, len(rw.cell.Units))
		out[5] = c
	case ind.ValueType == catalog.TypeRate:
		if t == nil {
			break
		}
		if t.Num != nil {
			set(7, sum(7), *t.Num)
		}
		if t.Den != nil {
			set(8, sum(8), *t.Den)
		}
		var cached any = ""
		if v, ok := t.Ratio(scale(ind)); ok {
			cached = v
		}
		set(9, fmt.Sprintf(`IFERROR(%s/%s*%s,"")`, cellName(7, r), cellName(8, r), num(scale(ind))), cached)
	case t != nil && t.Number != nil:
		set(6, sum(6), *t.Number)
	}
	return out
}

// rowHeight fits wrapped texts: pairs of (column width, text).
func rowHeight(pairs ...any) float64 {
	lines := 1
	for i := 0; i+1 < len(pairs); i += 2 {
		w, _ := pairs[i].(int)
		txt, _ := pairs[i+1].(string)
		lines = max(lines, wrap.Lines(txt, float64(w)))
	}
	return math.Min(409, 15*float64(lines)+3)
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

func num(f float64) string {
	return fmt.Sprint(f)
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

// frozen freezes cols columns and rows rows.
func frozen(cols, rows int) *excelize.Panes {
	return &excelize.Panes{Freeze: true, XSplit: cols, YSplit: rows,
		TopLeftCell: cellName(cols+1, rows+1), ActivePane: activePane(cols, rows)}
}

func activePane(cols, rows int) string {
	switch {
	case cols > 0 && rows > 0:
		return "bottomRight"
	case cols > 0:
		return "topRight"
	}
	return "bottomLeft"
}
