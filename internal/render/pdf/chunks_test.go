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
	if got := len(chunks(r.sheets[:1])); got < 2 {
		t.Fatalf("the report's first sheet in %d chunk(s): the test draws nothing in chunks", got)
	}
	if a, b := pages(whole), pages(chunked); a != b {
		t.Fatalf("%s pages in chunks, %s in one go", b, a)
	}
	if a, b := tool(t, "pdftotext", "-layout", whole, "-"), tool(t, "pdftotext", "-layout", chunked, "-"); a != b {
		t.Errorf("the text differs between the report drawn in chunks and in one go (%d and %d bytes)", len(b), len(a))
	}
}

// A long run of sheets is split where a page ends anyway (a page break or
// a sheet's start), after at least rowsPerChunk rows; a sheet's first rows
// keep starting a new page; no cut comes before a row taller than a page;
// a run with a row of automatic height is left whole.
func TestChunks_EndWherePagesEnd(t *testing.T) {
	saved := rowsPerChunk
	rowsPerChunk = 30
	defer func() { rowsPerChunk = saved }()
	fixed := func(n int) []core.Row {
		rows := make([]core.Row, n)
		for i := range rows {
			rows[i] = row.New(10).Add(col.New(grid))
		}
		return rows
	}
	// Portrait: 257 mm below the 0.01 mm header hold 25 rows of 10 mm, so
	// pages begin at rows 0, 25, 50, 75.
	first, second := fixed(100), fixed(20)
	got := chunks([]sheet{{rows: first}, {rows: second}})
	if len(got) != 3 {
		t.Fatalf("%d chunks, want 3", len(got))
	}
	if c := got[0]; len(c) != 1 || len(c[0].rows) != 50 || c[0].newPage || &c[0].rows[0] != &first[0] {
		t.Errorf("first chunk: want rows 0–49 of the first sheet")
	}
	if c := got[1]; len(c) != 1 || len(c[0].rows) != 50 || c[0].newPage || &c[0].rows[0] != &first[50] {
		t.Errorf("second chunk: want rows 50–99 of the first sheet")
	}
	if c := got[2]; len(c) != 1 || len(c[0].rows) != 20 || !c[0].newPage || &c[0].rows[0] != &second[0] {
		t.Errorf("third chunk: want the second sheet, on a new page")
	}
	// A chunk long enough at a sheet's end ends there; none ends before a
	// row taller than a page, which would open the next document with an
	// empty page.
	third := fixed(10)
	if got := chunks([]sheet{{rows: fixed(50)}, {rows: third}}); len(got) != 2 || len(got[1]) != 1 || &got[1][0].rows[0] != &third[0] {
		t.Errorf("50 rows then a sheet: %d chunks, want the second sheet in a chunk of its own", len(got))
	}
	tall := fixed(100)
	tall[50] = row.New(300).Add(col.New(grid))
	if got := chunks([]sheet{{rows: tall}}); len(got) != 2 || len(got[0][0].rows) != 51 {
		t.Errorf("a 300 mm row at a page break: want the cut at the next page break (row 51), got %d chunks", len(got))
	}
	// Short runs, and runs with a row maroto sizes as it draws, stay whole.
	if got := chunks([]sheet{{rows: fixed(59)}}); len(got) != 1 {
		t.Errorf("59 rows: %d chunks, want 1", len(got))
	}
	auto := append(fixed(99), row.New().Add(col.New(grid)))
	if got := chunks([]sheet{{rows: auto}}); len(got) != 1 || len(got[0][0].rows) != 100 {
		t.Errorf("a row of automatic height: %d chunks, want the run whole", len(got))
	}
}
