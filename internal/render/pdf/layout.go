package pdf

import (
	"fmt"
	"strings"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"
)

const (
	family   = "LiberationSerif"
	grid     = 100 // columns are sized in percent of the line
	bodySize = 13.0
	// ptMM converts points to millimetres.
	ptMM = 25.4 / 72
	// leading is the line height as a multiple of the font size.
	leading = 1.3
	indent  = 12.7 // first-line indent, mm
)

var fontFaces = []struct {
	style fontstyle.Type
	ttf   []byte
}{
	{fontstyle.Normal, liberationserifregular.TTF},
	{fontstyle.Bold, liberationserifbold.TTF},
	{fontstyle.Italic, liberationserifitalic.TTF},
	{fontstyle.BoldItalic, liberationserifbolditalic.TTF},
}

// measurer breaks lines the way maroto will draw them: it holds the same
// fonts in the same PDF library, so widths agree to the last point.
type measurer struct {
	pdf *gofpdf.Fpdf
}

// measurers keeps measurers for later reports: loading the four font
// faces takes longer than laying out a small report. A measurer is used
// by one report at a time: take it with measurers.take(newMeasurer) and
// give it back with measurers.put.
var measurers = make(idle[*measurer], 4)

func newMeasurer() (*measurer, error) {
	p := gofpdf.New("P", "mm", "A4", "")
	for _, f := range fontFaces {
		p.AddUTF8FontFromBytes(family, gofpdfStyle(f.style), f.ttf)
	}
	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("load fonts: %w", err)
	}
	return &measurer{pdf: p}, nil
}

func gofpdfStyle(s fontstyle.Type) string {
	switch s {
	case fontstyle.Bold:
		return "B"
	case fontstyle.Italic:
		return "I"
	case fontstyle.BoldItalic:
		return "BI"
	}
	return ""
}

func (m *measurer) width(s string, style fontstyle.Type, size float64) float64 {
	m.pdf.SetFont(family, gofpdfStyle(style), size)
	return m.pdf.GetStringWidth(s)
}

// wrap breaks s into lines no wider than width, the first line first
// narrower by firstIndent. The lines are pieces of s with its words one
// space apart, cut from s itself when it is written so (as a unit's
// narrative usually is): the lines of a national report, hundreds of
// thousands, then share the snapshot's text instead of each holding a
// copy.
func (m *measurer) wrap(s string, style fontstyle.Type, size, width, firstIndent float64) []string {
	if spaced := strings.Join(strings.Fields(s), " "); spaced != s {
		s = spaced
	}
	var lines []string
	from, to := 0, -1 // the line so far, s[from:to]; none yet when to < 0
	limit := width - firstIndent
	for at := 0; at < len(s); {
		end := strings.IndexByte(s[at:], ' ')
		if end < 0 {
			end = len(s)
		} else {
			end += at
		}
		// A little slack keeps rounding from pushing a word past the edge.
		switch {
		case to < 0:
			from, to = at, end
		case m.width(s[from:end], style, size) <= limit-0.5:
			to = end
		default:
			lines = append(lines, s[from:to])
			from, to, limit = at, end, width
		}
		at = end + 1
	}
	if to >= 0 {
		lines = append(lines, s[from:to])
	}
	return lines
}

// lines is the number of lines maroto breaks s into in a text component
// width wide: it is maroto's own rule (words split at single spaces, a
// word joining the line while the widths of " word" pieces add up to no
// more than width), reproduced so that a row's height can be set before
// maroto sees it and be exactly what maroto would have found.
func (m *measurer) lines(s string, style fontstyle.Type, size, width float64) int {
	if s == "" {
		return 0
	}
	if !strings.Contains(s, " ") {
		return 1 // a single word always takes one line, however wide
	}
	m.pdf.SetFont(family, gofpdfStyle(style), size)
	n, used := 0, 0.0
	for _, w := range strings.Split(s, " ") {
		if w == "" {
			continue
		}
		piece := w
		if n > 0 {
			piece = " " + w
		}
		if pw := m.pdf.GetStringWidth(piece); used+pw <= width {
			n = max(n, 1)
			used += pw
			continue
		}
		n++
		used = m.pdf.GetStringWidth(w)
	}
	return n
}

// txt is the text style shorthand used throughout the renderer.
func txt(size float64, style fontstyle.Type, a align.Type) props.Text {
	return props.Text{Family: family, Style: style, Size: size, Align: a}
}

func lineHeight(size float64) float64 { return size * ptMM * leading }

// textRow is one line of text, its height set by the font size.
func textRow(s string, p props.Text) core.Row {
	p = lineProps(p)
	return lineRow(s, &p)
}

// lineProps is p as a line of text sets it: its text centred in the
// line's height.
func lineProps(p props.Text) props.Text {
	p.Top = lineHeight(p.Size)*0.5 - p.Size*ptMM*0.5 - 0.4
	return p
}

// lineRow is a line of text in p, which lineProps has set and which the
// lines of a paragraph share: a report is mostly lines of paragraphs,
// hundreds of thousands at national size. Its components are made when
// it is drawn (see drawn).
func lineRow(s string, p *props.Text) core.Row {
	return &drawn{height: lineHeight(p.Size), cols: textLine{s: s, p: p}}
}

// textLine is the content of a line of text.
type textLine struct {
	s string
	p *props.Text
}

func (l textLine) columns() []core.Col { return []core.Col{text.NewCol(grid, l.s, *l.p)} }

// space is vertical room of h millimetres.
func space(h float64) core.Row { return &drawn{height: h, cols: blank{}} }

// blank is the content of a space.
type blank struct{}

func (blank) columns() []core.Col { return []core.Col{col.New(grid)} }

// rule is a short centred line, sizePercent of the column wide.
func rule(sizePercent float64) core.Component {
	return line.New(props.Line{Thickness: 0.3, SizePercent: sizePercent, OffsetPercent: 60})
}

// paraGap is the room after a paragraph: Decree 30 asks for at least 6 pt.
const paraGap = 6 * ptMM

// paragraph lays text out justified, one row per line, so that long
// paragraphs flow across pages; maroto justifies every line including the
// last, so the lines are broken here and the last one is set flush left.
// Neither its first nor its last line is left alone on a page, and it is
// followed by paraGap.
func (r *renderer) paragraph(s string, p props.Text, firstIndent float64) []core.Row {
	lines := r.m.wrap(s, p.Style, p.Size, r.width, firstIndent)
	rows := make([]core.Row, 0, len(lines))
	// The lines' settings: justified, but the last flush left, and the
	// first indented.
	p = lineProps(p)
	middle, last := p, p
	middle.Align, last.Align = align.Justify, align.Left
	first, firstLast := middle, last
	first.Left, firstLast.Left = firstIndent, firstIndent
	for i, l := range lines {
		lp := &middle
		switch {
		case i == 0 && i == len(lines)-1:
			lp = &firstLast
		case i == 0:
			lp = &first
		case i == len(lines)-1:
			lp = &last
		}
		rows = append(rows, lineRow(l, lp))
	}
	if n := len(rows); n >= 2 {
		r.keep(rows[0], rows[n-2])
	}
	rows = append(rows, space(paraGap))
	r.lastPara = rows
	return rows
}

// centred wraps text and centres each line.
func (r *renderer) centred(s string, p props.Text, width float64) []core.Row {
	p.Align = align.Center
	var rows []core.Row
	for _, l := range r.m.wrap(s, p.Style, p.Size, width, 0) {
		rows = append(rows, textRow(l, p))
	}
	return rows
}
