package pdf

import (
	"bytes"
	"compress/zlib"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

var update = flag.Bool("update", false, "rewrite testdata/gofpdf-golden.pdf from what writeDocument writes")

// goldenDocument is a small document of the adapter's golden test: three
// pages of Vietnamese text in the report's regular face, with rules,
// under fixed settings. One face: gofpdf writes several in the order of a
// map, a file different at every run.
func goldenDocument() (*entity.Config, [][]core.Row) {
	fonts := []*entity.CustomFont{{Family: family, Style: fontFaces[0].style, Bytes: fontFaces[0].ttf}}
	cfg := config.NewBuilder().WithPageSize(pagesize.A4).WithCustomFonts(fonts).
		WithDefaultFont(&props.Font{Family: family, Size: bodySize}).WithTitle("Báo cáo tổng hợp", true).
		WithCreator("baocao", false).WithCreationDate(time.Date(2025, 11, 5, 9, 0, 0, 0, time.UTC)).Build()
	var pages [][]core.Row
	for p := range 3 {
		rows := []core.Row{row.New(8).Add(text.NewCol(grid, fmt.Sprintf("Trang %d: Ủy ban nhân dân tỉnh Kiên Giang", p+1),
			props.Text{Size: 13}))}
		for i := range 20 {
			rows = append(rows, row.New(6).Add(col.New(4).Add(text.New(strconv.Itoa(i+1))),
				text.NewCol(grid-4, "Số trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế: 1.234,5")),
				row.New(1).Add(col.New(grid).Add(line.New())))
		}
		pages = append(pages, rows)
	}
	return cfg, pages
}

var modDate = regexp.MustCompile(`/ModDate \(D:\d{14}\)`)

// The adapter's output, byte for byte: a new gofpdf or maroto that lays
// the file out differently, or a compress/flate that deflates otherwise,
// shows here. When it does, TestCompressPages says whether the adapter
// still does its work; then run go test -update to take the new file.
func TestWriteDocument_Golden(t *testing.T) {
	cfg, pages := goldenDocument()
	got, err := writeDocument(cfg, pages)
	if err != nil {
		t.Fatal(err)
	}
	// gofpdf dates the file's last change now, and maroto does not let it
	// be set; the date keeps its length, so nothing else moves.
	got = modDate.ReplaceAll(got, []byte("/ModDate (D:20251105090000)"))
	const golden = "testdata/gofpdf-golden.pdf"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("writeDocument wrote %d bytes, not the %d of %s", len(got), len(want), golden)
	}
	if streams := pageStreams(t, got, true); len(streams) != len(pages) {
		t.Fatalf("%d compressed page streams, want %d", len(streams), len(pages))
	}
	text := tool(t, "pdftotext", "-layout", golden, "-")
	if !strings.Contains(text, "Trang 3: Ủy ban nhân dân tỉnh Kiên Giang") || strings.Count(text, "bảo hiểm y tế: 1.234,5") != 60 {
		t.Fatalf("%s reads:\n%s", golden, text)
	}
}

// uncompressed is the demo's by-unit appendix as maroto writes it before
// compressPages, and the same document compressed by gofpdf.
func uncompressed(t *testing.T) (raw, byGofpdf []byte) {
	t.Helper()
	ms, err := newMeasurer()
	if err != nil {
		t.Fatal(err)
	}
	s := loadSnapshot(t)
	write := func(compress bool) []byte {
		// maroto keeps state in the rows it draws: new rows for each document.
		r := &renderer{s: s, meta: demoMeta, m: ms}
		for i, a := range s.Report.Appendices {
			if a.ByUnit {
				r.appendix(i+1, a)
			}
		}
		cfg := r.config(true)
		cfg.Compression = compress
		mt := maroto.New(cfg)
		for _, sh := range r.sheets {
			pages, err := r.paginate(sh)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range pages {
				mt.AddPages(page.New().Add(p...))
			}
		}
		doc, err := mt.Generate()
		if err != nil {
			t.Fatal(err)
		}
		return doc.GetBytes()
	}
	return write(false), write(true)
}

// compressPages deflates every page's stream, leaves the rest as it was,
// and points the cross-reference table at the objects' new places: the
// file reads as the uncompressed one, and its page streams are the ones
// gofpdf writes when it compresses them itself.
func TestCompressPages(t *testing.T) {
	raw, byGofpdf := uncompressed(t)
	packed, err := compressPages(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(packed) >= len(raw)/2 {
		t.Errorf("compressed %d bytes to %d", len(raw), len(packed))
	}
	at, err := startXref(packed)
	if err != nil {
		t.Fatal(err)
	}
	objs, _, err := xref(packed, at)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range objs {
		if head := fmt.Sprintf("%d 0 obj\n", o.num); !bytes.HasPrefix(packed[o.at:], []byte(head)) {
			t.Fatalf("cross-reference entry of object %d points at %q", o.num, packed[o.at:o.at+20])
		}
	}
	pages := pageStreams(t, raw, false)
	if len(pages) < 3 {
		t.Fatalf("%d page streams in the uncompressed document", len(pages))
	}
	got, want := pageStreams(t, packed, true), pageStreams(t, byGofpdf, true)
	for num, data := range pages {
		if !bytes.Equal(inflate(t, got[num]), data) {
			t.Errorf("page stream %d does not inflate to the uncompressed one", num)
		}
		if !bytes.Equal(got[num], want[num]) {
			t.Errorf("page stream %d is not compressed as gofpdf compresses it", num)
		}
	}
	dir := t.TempDir()
	read := func(name string, doc []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, doc, 0o644); err != nil {
			t.Fatal(err)
		}
		return tool(t, "pdftotext", "-layout", path, "-")
	}
	if read("raw.pdf", raw) != read("packed.pdf", packed) {
		t.Error("the compressed document reads differently")
	}
}

// pageStreams maps the object number of every page's content stream to
// the stream's data, as stored.
func pageStreams(t *testing.T, doc []byte, compressed bool) map[int][]byte {
	t.Helper()
	at, err := startXref(doc)
	if err != nil {
		t.Fatal(err)
	}
	objs, _, err := xref(doc, at)
	if err != nil {
		t.Fatal(err)
	}
	byNum := map[int][]byte{}
	for _, o := range objs {
		byNum[o.num] = doc[o.at:]
	}
	out := map[int][]byte{}
	for _, obj := range byNum {
		num, ok := pageContents(obj)
		if !ok {
			continue
		}
		filter := ""
		if compressed {
			filter = "/Filter /FlateDecode "
		}
		rest, ok := bytes.CutPrefix(byNum[num], fmt.Appendf(nil, "%d 0 obj\n<<%s/Length ", num, filter))
		length, rest, _ := bytes.Cut(rest, []byte(">>\nstream\n"))
		n, err := strconv.Atoi(string(length))
		if !ok || err != nil || n > len(rest) {
			t.Fatalf("page stream %d: unexpected header %q", num, byNum[num][:60])
		}
		out[num] = rest[:n]
	}
	return out
}

func inflate(t *testing.T, data []byte) []byte {
	t.Helper()
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A file in any other layout than gofpdf's uncompressed one is refused,
// not mangled.
func TestCompressPages_Refuses(t *testing.T) {
	_, byGofpdf := uncompressed(t)
	for name, doc := range map[string][]byte{
		"not a pdf":           []byte("hello"),
		"no xref table":       []byte("%PDF-1.3\n1 0 obj\n<<>>\nendobj\nstartxref\n9\n%%EOF\n"),
		"compressed already":  byGofpdf,
		"cut after the pages": byGofpdf[:len(byGofpdf)/2],
	} {
		if _, err := compressPages(doc); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// A report's pages leave compressed: Render falls back to uncompressed
// pages rather than fail a report, so a layout compressPages stops knowing
// must show here, not only in a larger file.
func TestRender_PagesCompressed(t *testing.T) {
	out, err := RenderByUnitAppendix(loadSnapshot(t), demoMeta)
	if err != nil {
		t.Fatal(err)
	}
	if streams := pageStreams(t, out, true); len(streams) == 0 {
		t.Fatal("no page content streams found")
	}
}
