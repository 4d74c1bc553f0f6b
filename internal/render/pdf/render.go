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
	r.report()
	out, err := r.generate()
	if err != nil {
		return nil, fmt.Errorf("render report %s: %w", s.Round.Code, err)
	}
	return out, nil
}

// report lays the whole report out in sheets.
func (r *renderer) report() {
	r.start(false)
	r.add(r.header()...)
	r.add(r.title()...)
	r.add(r.opening()...)
	r.add(r.completenessChart()...)
	r.add(r.body()...)
	r.add(r.closing()...)
	r.appendices()
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
// orientation (or several, for a long run: see chunks), numbers pages
// across all of them, and merges the documents.
func (r *renderer) generate() ([]byte, error) {
	var docs [][]byte
	pages := 0
	for i := 0; i < len(r.sheets); {
		j := i
		for j < len(r.sheets) && r.sheets[j].landscape == r.sheets[i].landscape {
			j++
		}
		numbers := &pageNumber{next: pages + 1}
		for _, c := range chunks(r.sheets[i:j]) {
			doc, err := r.document(r.sheets[i].landscape, c, numbers)
			if err != nil {
				return nil, err
			}
			docs = append(docs, doc)
		}
		pages = numbers.next - 1
		i = j
	}
	if len(docs) == 1 {
		return docs[0], nil
	}
	out, err := merge.Bytes(docs...)
	if err != nil {
		return nil, fmt.Errorf("merge parts: %w", err)
	}
	return out, nil
}

// piece is rows of one sheet to be drawn together; newPage says they start
// a new page (the sheet's beginning).
type piece struct {
	rows    []core.Row
	newPage bool
}

// document draws pieces of one orientation as one maroto document,
// numbering its pages on from numbers (counted by the page numbers drawn,
// as reading the document back to count them would parse it whole). It is
// written uncompressed, and its page streams are compressed afterwards by
// compressPages, with one kept writer rather than a new one per page.
func (r *renderer) document(landscape bool, pieces []piece, numbers *pageNumber) ([]byte, error) {
	mt := maroto.New(r.config(landscape))
	if err := mt.RegisterHeader(pageNumberRow(numbers)); err != nil {
		return nil, fmt.Errorf("page numbers: %w", err)
	}
	for _, p := range pieces {
		if p.newPage {
			mt.AddPages(page.New().Add(p.rows...))
		} else {
			mt.AddRows(p.rows...)
		}
	}
	doc, err := mt.Generate()
	if err != nil {
		return nil, fmt.Errorf("generate: %w", err)
	}
	out := doc.GetBytes()
	// A layout compressPages does not know (a later gofpdf) leaves the
	// pages uncompressed: a larger file, still the right report, rather
	// than no report at all. TestCompressPages catches it.
	if packed, err := compressPages(out); err == nil {
		out = packed
	}
	return out, nil
}

// rowsPerChunk is about five hundred pages of rows. A run of sheets longer
// than that (the body of a national round's report runs to thousands of
// pages of units' narratives) is drawn as several documents of whole
// pages, each written and compressed before the next is drawn, then
// merged: drawn as one, every page would be held uncompressed until the
// end, over a gigabyte at national size.
var rowsPerChunk = 20000 // a variable for the tests

// chunks splits a run of sheets of one orientation into pieces drawn as
// one document each: at least rowsPerChunk rows, ending where maroto
// would start a new page anyway (a sheet's start, or a row that does not
// fit below the last), so that the pages are the ones of the run drawn as
// one document. Pages are found by maroto's own rule (a row goes on the
// page if the page's rows and it fit in the page's height, else it opens
// the next page, below the header) on the rows' fixed heights. No cut is
// made before a row taller than a page (maroto would open the new
// document with an empty page), and a run with a row of automatic height,
// which only drawing can measure, is not split.
func chunks(sheets []sheet) [][]piece {
	rows := 0
	for _, sh := range sheets {
		rows += len(sh.rows)
	}
	whole := [][]piece{make([]piece, len(sheets))}
	for i, sh := range sheets {
		whole[0][i] = piece{rows: sh.rows, newPage: i > 0}
	}
	if rows < 2*rowsPerChunk {
		return whole
	}
	_, h := pageSize(sheets[0].landscape)
	maxHeight := h - marginTop - marginBottom // maroto's root cell
	header := pageNumberRow(nil).GetHeight(nil, nil)
	var out [][]piece
	var cur []piece
	n := 0 // rows in cur
	cut := func() {
		out = append(out, cur)
		cur, n = nil, 0
	}
	height := header
	for si, sh := range sheets {
		if si > 0 {
			height = header // a sheet starts a new page
			if n >= rowsPerChunk {
				cut()
			}
		}
		from := 0
		for i, row := range sh.rows {
			rh, ok := fixedHeight(row)
			if !ok {
				return whole
			}
			if rh+height <= maxHeight {
				height += rh
				continue
			}
			// row opens a new page: the chunk may end before it
			if i > from && n+i-from >= rowsPerChunk && rh+header <= maxHeight {
				cur = append(cur, piece{rows: sh.rows[from:i], newPage: si > 0 && from == 0})
				cut()
				from = i
			}
			height = header + rh
		}
		cur = append(cur, piece{rows: sh.rows[from:], newPage: si > 0 && from == 0})
		n += len(sh.rows) - from
	}
	return append(out, cur)
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

// config is the document settings of a part in one orientation, drawn
// without compression (compressPages compresses its pages afterwards).
func (r *renderer) config(landscape bool) *entity.Config {
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
		WithSubject(fmt.Sprintf(msgSubject, r.s.Round.Title, sentenceCase(r.meta.Roles.Issuer.IssuingBody)), true).
		WithAuthor(r.meta.Roles.Issuer.IssuingBody, true).
		WithCreator("baocao", false).
		WithCreationDate(r.meta.Date)
	return b.Build()
}
