// Package pdf renders a consolidated snapshot as the province's official
// report: A4, laid out after Decree 30/2020/NĐ-CP (national header, number
// and date, body, recipients and signature block, appendices). It reads
// nothing but the snapshot and the report's meta: no database, no files.
package pdf

import (
	"fmt"
	"strings"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/merge"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"baocao/internal/consolidate"
)

// Margins in millimetres (Decree 30: top and bottom 20-25, left 30-35,
// right 15-20).
const (
	marginTop    = 20.0
	marginBottom = 20.0
	marginLeft   = 30.0
	marginRight  = 15.0
)

// sheet is a run of content starting on a new page in one orientation.
type sheet struct {
	landscape bool
	rows      []core.Row
}

// renderer holds what every part of the layout needs.
type renderer struct {
	s      *consolidate.Snapshot
	meta   consolidate.Meta
	m      *measurer
	width  float64 // usable line width of the sheet being built, mm
	sheets []sheet
	charts int // charts numbered so far
}

// Render lays the snapshot out as the official report (A4, Decree
// 30/2020/NĐ-CP) and returns the PDF bytes. It reads nothing but its
// arguments. Landscape appendices are rendered as separate documents and
// merged, since maroto sets the orientation per document.
func Render(s *consolidate.Snapshot, m consolidate.Meta) ([]byte, error) {
	if s == nil {
		return nil, fmt.Errorf("render report: no snapshot")
	}
	ms, err := measurers.take(newMeasurer)
	if err != nil {
		return nil, fmt.Errorf("render report: %w", err)
	}
	defer measurers.put(ms)
	r := &renderer{s: s, meta: m, m: ms}

	r.start(false)
	r.add(r.header()...)
	r.add(r.title()...)
	r.add(r.opening()...)
	r.add(r.completenessChart()...)
	r.add(r.body()...)
	r.add(r.closing()...)
	r.appendices()

	out, err := r.generate()
	if err != nil {
		return nil, fmt.Errorf("render report %s: %w", s.Round.Code, err)
	}
	return out, nil
}

// start opens a new sheet: the next content begins on a new page.
func (r *renderer) start(landscape bool) {
	r.sheets = append(r.sheets, sheet{landscape: landscape})
	w, _ := pageSize(landscape)
	r.width = w - marginLeft - marginRight
}

func (r *renderer) add(rows ...core.Row) {
	last := &r.sheets[len(r.sheets)-1]
	last.rows = append(last.rows, rows...)
}

func pageSize(landscape bool) (w, h float64) {
	if landscape {
		return 297, 210
	}
	return 210, 297
}

// generate builds one maroto document per run of sheets sharing an
// orientation, numbers pages across all of them, and merges the parts.
func (r *renderer) generate() ([]byte, error) {
	var parts [][]byte
	pages := 0
	for i := 0; i < len(r.sheets); {
		j := i
		for j < len(r.sheets) && r.sheets[j].landscape == r.sheets[i].landscape {
			j++
		}
		doc, n, err := r.document(r.sheets[i:j], pages)
		if err != nil {
			return nil, err
		}
		pages += n
		parts = append(parts, doc)
		i = j
	}
	if len(parts) == 1 {
		return parts[0], nil
	}
	out, err := merge.Bytes(parts...)
	if err != nil {
		return nil, fmt.Errorf("merge parts: %w", err)
	}
	return out, nil
}

// document renders sheets of one orientation; before is the number of
// pages before it in the report. It returns the part and its number of
// pages, as counted by the page numbers drawn on them (reading the part
// back to count them would parse the whole PDF, which for a national
// round's report costs seconds and hundreds of megabytes).
func (r *renderer) document(sheets []sheet, before int) ([]byte, int, error) {
	rows := 0
	for _, sh := range sheets {
		rows += len(sh.rows)
	}
	chunks := rows / rowsPerChunk
	mt := maroto.New(r.config(sheets[0].landscape, chunks))
	numbers := &pageNumber{next: before + 1}
	if err := mt.RegisterHeader(pageNumberRow(numbers)); err != nil {
		return nil, 0, fmt.Errorf("page numbers: %w", err)
	}
	for i, sh := range sheets {
		if i == 0 {
			mt.AddRows(sh.rows...)
			continue
		}
		mt.AddPages(page.New().Add(sh.rows...))
	}
	doc, err := mt.Generate()
	if err != nil {
		return nil, 0, fmt.Errorf("generate: %w", err)
	}
	out := doc.GetBytes()
	if !inChunks(chunks) {
		// A layout compressPages does not know (a later gofpdf) leaves the
		// pages uncompressed: a larger file, still the right report,
		// rather than no report at all. TestCompressPages catches it.
		if packed, err := compressPages(out); err == nil {
			out = packed
		}
	}
	return out, numbers.next - (before + 1), nil
}

// rowsPerChunk is about five hundred pages of rows. A part longer than
// that (the body of a national round's report runs to thousands of pages
// of units' narratives) is drawn in chunks of that size, each written out
// before the next is drawn, and the chunks merged: drawn whole, every page
// would be held uncompressed until the end, over a gigabyte at national
// size. Shorter parts are drawn in one go, which is faster.
var rowsPerChunk = 20000 // a variable for the tests

// inChunks says a part of chunks rowsPerChunk of rows is drawn in chunks.
func inChunks(chunks int) bool { return chunks >= 2 }

// config is the document settings of a part in one orientation, drawn in
// chunks when there are at least two rowsPerChunk of rows. A part drawn in
// chunks has its pages compressed by gofpdf, chunk by chunk, before maroto
// merges the chunks; a part drawn in one go is written uncompressed and
// its pages compressed afterwards by compressPages, which is faster.
func (r *renderer) config(landscape bool, chunks int) *entity.Config {
	fonts := make([]*entity.CustomFont, 0, len(fontFaces))
	for _, f := range fontFaces {
		fonts = append(fonts, &entity.CustomFont{Family: family, Style: f.style, Bytes: f.ttf})
	}
	o := orientation.Vertical
	if landscape {
		o = orientation.Horizontal
	}
	title := strings.TrimSpace(r.s.Report.Title + " " + r.summary())
	b := config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithOrientation(o).
		WithTopMargin(marginTop).
		WithBottomMargin(marginBottom).
		WithLeftMargin(marginLeft).
		WithRightMargin(marginRight).
		WithMaxGridSize(grid).
		WithSequentialMode().
		WithCustomFonts(fonts).
		WithDefaultFont(&props.Font{Family: family, Size: bodySize}).
		WithTitle(title, true).
		WithSubject(fmt.Sprintf(msgSubject, r.s.Round.Title, sentenceCase(r.s.Report.Issuer.IssuingBody)), true).
		WithAuthor(r.s.Report.Issuer.IssuingBody, true).
		WithCreator("baocao", false).
		WithCreationDate(r.meta.Date)
	if inChunks(chunks) {
		b = b.WithSequentialLowMemoryMode(chunks).WithCompression(true)
	}
	return b.Build()
}
