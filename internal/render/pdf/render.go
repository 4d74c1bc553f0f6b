// Package pdf renders a consolidated snapshot as the province's official
// report: A4, laid out after Decree 30/2020/NĐ-CP (national header, number
// and date, body, recipients and signature block, appendices). It reads
// nothing but the snapshot and the report's meta: no database, no files.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/pdfcpu/pdfcpu/pkg/api"

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

// sheet is a run of content starting on a new page in one orientation:
// the body, or an appendix (numbered on its own pages).
type sheet struct {
	landscape bool
	appendix  string // the appendix's numeral; "" for the body
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
	tables int // body tables numbered so far
	// appendixTables counts the tables of the current appendix.
	appendixTables int
	// kept and heads are how rows are paginated (see keep and repeat).
	kept  map[core.Row]bool
	heads map[core.Row]func() []core.Row
	// lastPara is the rows of the last paragraph laid out.
	lastPara []core.Row
	// docTitle, subject and code are what drawing needs of the snapshot
	// (laidOut): the document's title and subject, and the round's code
	// for errors.
	docTitle, subject, code string
}

// Render lays the snapshot out as the official report (A4, Decree
// 30/2020/NĐ-CP) and returns the PDF bytes; Write writes it instead.
func Render(s *consolidate.Snapshot, m consolidate.Meta) ([]byte, error) {
	var buf bytes.Buffer
	if err := Write(&buf, s, m); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Write lays the snapshot out as the official report and writes the PDF
// to w (Layout, then Report.WriteTo).
func Write(w io.Writer, s *consolidate.Snapshot, m consolidate.Meta) error {
	rep, err := Layout(s, m)
	if err != nil {
		return err
	}
	_, err = rep.WriteTo(w)
	return err
}

// Report is the official report laid out, to be drawn and written once
// by WriteTo.
type Report struct {
	r *renderer
}

// Layout lays the snapshot out as the official report. It reads nothing
// but its arguments, and the snapshot not after it returns: the units'
// figures may go before the report is drawn, the longest part of the
// work (at national size, tens of megabytes that would otherwise be held
// through it).
func Layout(s *consolidate.Snapshot, m consolidate.Meta) (*Report, error) {
	if s == nil {
		return nil, fmt.Errorf("render report: no snapshot")
	}
	ms, err := measurers.take(newMeasurer)
	if err != nil {
		return nil, fmt.Errorf("render report: %w", err)
	}
	r := &renderer{s: s, meta: m, m: ms}
	r.report()
	r.laidOut()
	return &Report{r: r}, nil
}

// laidOut reads now what drawing needs of the snapshot, and lets it go.
func (r *renderer) laidOut() {
	r.docTitle = strings.TrimSpace(r.s.Report.Title + " " + r.summary())
	r.subject = fmt.Sprintf(msgSubject, r.s.Round.Title, sentenceCase(r.meta.Roles.Issuer.IssuingBody))
	r.code = r.s.Round.Code
	r.s = nil
}

// WriteTo draws the report and writes the PDF to w, which holds the only
// whole copy (a national report is tens of megabytes). Landscape
// appendices are drawn as separate documents and merged, since maroto
// sets the orientation per document.
func (rep *Report) WriteTo(w io.Writer) (int64, error) {
	r := rep.r
	if r == nil {
		return 0, errors.New("render report: written already")
	}
	rep.r = nil
	defer measurers.put(r.m)
	cw := &counter{w: w}
	if err := r.generate(cw); err != nil {
		return cw.n, fmt.Errorf("render report %s: %w", r.code, err)
	}
	return cw.n, nil
}

// counter counts the bytes written through it.
type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// report lays the whole report out in sheets.
func (r *renderer) report() {
	r.start(false, "")
	r.add(r.header()...)
	r.add(r.title()...)
	r.add(r.opening()...)
	r.add(r.completenessChart()...)
	body := r.body()
	r.add(body...)
	// The last paragraph goes with Nơi nhận and the signature, so that
	// neither stands alone on a page.
	if len(r.lastPara) > 0 {
		if i := slices.Index(body, r.lastPara[0]); i >= 0 {
			r.keep(body[i:]...)
		}
	}
	closing := r.closing()
	r.keep(closing[:len(closing)-1]...)
	r.add(closing...)
	r.appendices()
}

// start opens a new sheet: the next content begins on a new page.
func (r *renderer) start(landscape bool, appendix string) {
	r.sheets = append(r.sheets, sheet{landscape: landscape, appendix: appendix})
	r.appendixTables = 0
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

// generate paginates the sheets, draws one maroto document per run of
// sheets sharing an orientation (or several, for a long run: see chunks)
// and writes the documents merged to w. The rows of a chunk of pages are
// let go once it is drawn.
func (r *renderer) generate(w io.Writer) error {
	var docs [][]byte
	for i := 0; i < len(r.sheets); {
		j := i
		var pages [][]core.Row
		for j < len(r.sheets) && r.sheets[j].landscape == r.sheets[i].landscape {
			p, err := r.paginate(r.sheets[j])
			if err != nil {
				return err
			}
			pages = append(pages, p...)
			r.forget(&r.sheets[j])
			j++
		}
		for _, c := range chunks(pages) {
			doc, err := r.document(r.sheets[i].landscape, c)
			if err != nil {
				return err
			}
			clear(c) // the chunk's rows and their components, drawn
			docs = append(docs, doc)
		}
		i = j
	}
	if len(docs) == 1 {
		_, err := w.Write(docs[0])
		return err
	}
	return merge(w, docs)
}

// forget lets the renderer's hold on a paginated sheet's rows go: from
// then on its pages hold them.
func (r *renderer) forget(sh *sheet) {
	for _, row := range sh.rows {
		delete(r.kept, row)
		delete(r.heads, row)
	}
	sh.rows = nil
}

// merge writes the documents to w as one, as maroto's merge.Bytes does
// (pdfcpu, with a cross-reference table rather than a stream), without
// holding the merged file in memory.
func merge(w io.Writer, docs [][]byte) error {
	readers := make([]io.ReadSeeker, len(docs))
	for i, d := range docs {
		readers[i] = bytes.NewReader(d)
	}
	conf := api.LoadConfiguration()
	conf.WriteXRefStream = false
	if err := api.MergeRaw(readers, w, false, conf); err != nil {
		return fmt.Errorf("merge parts: %w", err)
	}
	return nil
}

// document draws pages of one orientation as one document.
func (r *renderer) document(landscape bool, pages [][]core.Row) ([]byte, error) {
	return writeDocument(r.config(landscape), pages)
}

// config is the document settings of a part in one orientation.
func (r *renderer) config(landscape bool) *entity.Config {
	fonts := make([]*entity.CustomFont, 0, len(fontFaces))
	for _, f := range fontFaces {
		fonts = append(fonts, &entity.CustomFont{Family: family, Style: f.style, Bytes: f.ttf})
	}
	o := orientation.Vertical
	if landscape {
		o = orientation.Horizontal
	}
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
		WithTitle(r.docTitle, true).
		WithSubject(r.subject, true).
		WithAuthor(r.meta.Roles.Issuer.IssuingBody, true).
		WithCreator("baocao", false).
		WithCreationDate(r.meta.Date)
	return b.Build()
}
