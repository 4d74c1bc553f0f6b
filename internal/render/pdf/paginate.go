package pdf

import (
	"fmt"
	"math"

	"github.com/johnfercher/maroto/v2/pkg/core"
)

// The report is paginated here rather than by maroto, which can repeat a
// header on every page of a document but not a table's heading on the
// pages a table runs over, and cannot keep a heading with what follows
// it. Each page is handed to maroto whole; pages are found by maroto's own
// rule (a row goes on the page if the page's rows and it fit in the
// page's height) on the rows' fixed heights, so maroto breaks none again.

// keep marks rows to be kept on the page of the row after them: a heading
// with its first line, a table's title with its heading and first row,
// the last paragraph with the closing block.
func (r *renderer) keep(rows ...core.Row) {
	if r.kept == nil {
		r.kept = map[core.Row]bool{}
	}
	for _, row := range rows {
		r.kept[row] = true
	}
}

// repeat marks rows to be preceded by head when they start a page: the
// body rows of a table, by the table's heading.
func (r *renderer) repeat(head func() []core.Row, rows ...core.Row) {
	if r.heads == nil {
		r.heads = map[core.Row]func() []core.Row{}
	}
	for _, row := range rows {
		r.heads[row] = head
	}
}

// paginate breaks a sheet into pages, each starting with its page label.
func (r *renderer) paginate(sh sheet) ([][]core.Row, error) {
	_, h := pageSize(sh.landscape)
	// maroto's root cell, less the nanometres labelFor may add
	maxHeight := h - marginTop - marginBottom
	room := maxHeight - 2e-9
	heights := make([]float64, len(sh.rows))
	for i, row := range sh.rows {
		rh, ok := fixedHeight(row)
		if !ok {
			return nil, fmt.Errorf("paginate: row %d of a sheet has no fixed height", i)
		}
		heights[i] = rh
	}
	headHeight := func(row core.Row) float64 {
		sum := 0.0
		if head := r.heads[row]; head != nil {
			for _, hr := range head() {
				rh, _ := fixedHeight(hr)
				sum += rh
			}
		}
		return sum
	}
	// fits says whether rows from..to (inclusive) go below used.
	fits := func(used float64, from, to int) bool {
		for k := from; k <= to; k++ {
			used += heights[k]
			if used > room {
				return false
			}
		}
		return true
	}

	var pages [][]core.Row
	cur, used := []core.Row{nil}, labelHeight // nil: the label, set below
	empty := true                             // nothing but the label (and a repeated heading)
	newPage := func(first core.Row) {
		pages = append(pages, cur)
		cur, used, empty = []core.Row{nil}, labelHeight, true
		if head := r.heads[first]; head != nil {
			for _, hr := range head() {
				cur = append(cur, hr)
				rh, _ := fixedHeight(hr)
				used += rh
			}
		}
	}
	for i := 0; i < len(sh.rows); {
		j := i // the group: row i and the rows it is kept with
		for j < len(sh.rows)-1 && r.kept[sh.rows[j]] {
			j++
		}
		switch {
		case fits(used, i, j):
		case !empty && fits(labelHeight+headHeight(sh.rows[i]), i, j):
			newPage(sh.rows[i])
		default:
			// The group is taller than a page: its first row goes
			// where it fits, and the rest is looked at again, so the
			// longest tail that fits a page still moves whole.
			if !empty && !fits(used, i, i) {
				newPage(sh.rows[i])
			}
			j = i
		}
		for k := i; k <= j; k++ {
			cur = append(cur, sh.rows[k])
			used += heights[k]
		}
		empty = false
		i = j + 1
	}
	pages = append(pages, cur)
	for k, p := range pages {
		p[0] = pageLabelRow(r.pageLabel(sh, k+1, len(pages)), labelFor(p[1:], maxHeight))
	}
	return pages, nil
}

// labelFor is the height of a page's label row, labelHeight give or take
// a nanometre, chosen so that maroto's filler at the page's foot does not
// reach the page break. maroto fills a page with a row of the height left,
// rounded down to 1e-9 mm, and gofpdf, which adds the rows' heights up
// again, starts a page when a row passes the break: when the height left
// had no more than nine decimals (which table rows of round point sizes
// often make), the filler ended on the break within a rounding error, and
// a filler that passed it opened the page early, every row of the next
// pages then drawn one page on.
func labelFor(rows []core.Row, maxHeight float64) float64 {
	h := labelHeight
	for range 4 {
		used := h
		for _, row := range rows {
			rh, _ := fixedHeight(row)
			used += rh
		}
		left := maxHeight - used
		if left-math.Floor(left*1e9)/1e9 >= 2e-10 {
			break
		}
		h += 3e-10
	}
	return h
}

// pageLabel is what the top margin of a sheet's page shows: the body's
// pages their number, an appendix's pages their number within it (Decree
// 30 numbers appendices separately), none on a first page.
func (r *renderer) pageLabel(sh sheet, n, total int) string {
	if n <= 1 {
		return ""
	}
	if sh.appendix == "" {
		return fmt.Sprint(n)
	}
	return fmt.Sprintf(msgAppendixPage, sh.appendix, n, total)
}

// rowsPerChunk is about five hundred pages of rows. A run of pages longer
// than that (the body of a national round's report runs to thousands of
// pages of units' narratives) is drawn as several documents of whole
// pages, each written and compressed before the next is drawn, then
// merged: drawn as one, every page would be held uncompressed until the
// end, over a gigabyte at national size.
var rowsPerChunk = 20000 // a variable for the tests

// chunks splits pages of one orientation into runs drawn as one document
// each, of at least rowsPerChunk rows (but the last).
func chunks(pages [][]core.Row) [][][]core.Row {
	var out [][][]core.Row
	from, n := 0, 0
	for i, p := range pages {
		n += len(p)
		if n >= rowsPerChunk && i+1 < len(pages) {
			out = append(out, pages[from:i+1])
			from, n = i+1, 0
		}
	}
	return append(out, pages[from:])
}

// fixedHeight is a row's height when it was given one; a row of automatic
// height (false) is measured by maroto only as it is drawn.
func fixedHeight(r core.Row) (h float64, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false // auto height: measuring it needs maroto's provider
		}
	}()
	h = r.GetHeight(nil, nil)
	return h, h > 0
}
