package pdf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	if a, b := pages(whole), pages(chunked); a != b {
		t.Fatalf("%s pages in chunks, %s in one go", b, a)
	}
	if a, b := tool(t, "pdftotext", "-layout", whole, "-"), tool(t, "pdftotext", "-layout", chunked, "-"); a != b {
		t.Errorf("the text differs between the report drawn in chunks and in one go (%d and %d bytes)", len(b), len(a))
	}
}
