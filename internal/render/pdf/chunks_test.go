package pdf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/core"
)

// A report drawn in chunks (as a national round's is) reads exactly like
// the same report drawn in one go: same pages, same text, same page
// numbers across the chunk boundaries.
func TestRender_InChunks(t *testing.T) {
	_, whole := rendered(t)
	saved := rowsPerChunk
	rowsPerChunk = 40 // the demo body has a few hundred rows: several chunks
	defer func() { rowsPerChunk = saved }()
	out, err := Render(loadSnapshot(t), demoMeta)
	if err != nil {
		t.Fatal(err)
	}
	chunked := filepath.Join(t.TempDir(), "chunked.pdf")
	if err := os.WriteFile(chunked, out, 0o644); err != nil {
		t.Fatal(err)
	}
	pages := func(path string) string {
		for _, line := range strings.Split(tool(t, "pdfinfo", path), "\n") {
			if strings.HasPrefix(line, "Pages:") {
				return strings.TrimSpace(strings.TrimPrefix(line, "Pages:"))
			}
		}
		t.Fatalf("no page count for %s", path)
		return ""
	}
	ms, err := newMeasurer()
	if err != nil {
		t.Fatal(err)
	}
	r := &renderer{s: loadSnapshot(t), meta: demoMeta, m: ms}
	r.report()
	body, err := r.paginate(r.sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	if got := len(chunks(body)); got < 2 {
		t.Fatalf("the report's first sheet in %d chunk(s): the test draws nothing in chunks", got)
	}
	if a, b := pages(whole), pages(chunked); a != b {
		t.Fatalf("%s pages in chunks, %s in one go", b, a)
	}
	if a, b := tool(t, "pdftotext", "-layout", whole, "-"), tool(t, "pdftotext", "-layout", chunked, "-"); a != b {
		t.Errorf("the text differs between the report drawn in chunks and in one go (%d and %d bytes)", len(b), len(a))
	}
}

// Pages are found by maroto's rule on the rows' heights; a table's
// heading starts every page its body runs over; kept rows move to the
// next page with the row after them, and a kept run taller than a page
// still leaves its longest tail whole; chunks end where pages end.
func TestRenderer_Paginate(t *testing.T) {
	fixed := func(n int) []core.Row {
		rows := make([]core.Row, n)
		for i := range rows {
			rows[i] = row.New(10).Add(col.New(grid))
		}
		return rows
	}
	r := &renderer{}
	// Portrait: 257 mm below the 0.01 mm label hold 25 rows of 10 mm.
	rows := fixed(100)
	pages, err := r.paginate(sheet{rows: rows})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 4 || len(pages[0]) != 26 || pages[1][1] != rows[25] {
		t.Fatalf("100 rows of 10 mm: %d pages, want 4 of 25 rows", len(pages))
	}

	head := fixed(1)
	body := fixed(60)
	r.repeat(func() []core.Row { return head }, body...)
	r.keep(body[23])
	pages, err = r.paginate(sheet{rows: append(head, body...)})
	if err != nil {
		t.Fatal(err)
	}
	// Page 1: the heading and body rows 0–22 (row 23 is kept with 24).
	if len(pages[0]) != 25 || pages[1][1] != head[0] || pages[1][2] != body[23] {
		t.Errorf("kept row: page 1 has %d rows, page 2 starts with %v, %v", len(pages[0]), pages[1][1], pages[1][2])
	}
	for k, p := range pages[1:] {
		if p[1] != head[0] { // the test's heading is one row object
			t.Errorf("page %d does not start with the table's heading", k+2)
		}
	}

	long := fixed(40)
	r.keep(long[:39]...) // all 40 kept together: taller than a page
	pages, err = r.paginate(sheet{rows: long})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || len(pages[1]) != 26 || pages[1][len(pages[1])-1] != long[39] {
		t.Errorf("40 rows kept together: %d pages, the last of %d rows; want its last 25 rows whole", len(pages), len(pages[len(pages)-1])-1)
	}

	if _, err := r.paginate(sheet{rows: []core.Row{row.New().Add(col.New(grid))}}); err == nil {
		t.Errorf("a row of automatic height was paginated")
	}

	saved := rowsPerChunk
	rowsPerChunk = 30
	defer func() { rowsPerChunk = saved }()
	pages, _ = (&renderer{}).paginate(sheet{rows: fixed(100)})
	got := chunks(pages)
	if len(got) != 2 || len(got[0]) != 2 || len(got[1]) != 2 {
		t.Errorf("4 pages of 26 rows in chunks of 30 rows: %d chunks, want 2 of 2 pages", len(got))
	}
}
