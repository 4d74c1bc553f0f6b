package pdf

import (
	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/linestyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// cell is one table cell's text and how it is set; note is set under it,
// in smaller italics (a partial total's coverage).
type cell struct {
	s     string
	style fontstyle.Type
	align align.Type
	note  string
}

// column is a table column: its width in grid units and its heading.
type column struct {
	width int
	head  string
	align align.Type
}

// Cell padding, mm.
const (
	padTop    = 1.0
	padBottom = 1.2
	padSide   = 1.2
)

// The rules of a table are 0.2 mm thick: gofpdf's default line width,
// which maroto restores after every line it draws. The rules above and
// below a row are drawn once across the table by rowRules; each cell
// draws only its left rule, and the last one its right rule too, leaving
// BorderThickness unset (setting it writes the line width before and after
// every cell). A cell drawing its whole frame would draw every rule
// twice, and the horizontal ones once per column.
var (
	frame     = &props.Cell{BorderType: border.Left}
	frameLast = &props.Cell{BorderType: border.Left | border.Right}
)

// rowRules draws the rules above and below a table row, across the
// table's width, from the row's first column.
type rowRules struct {
	width float64 // mm
}

var (
	ruleAbove = props.Line{Style: linestyle.Solid, Thickness: linestyle.DefaultLineThickness,
		Orientation: orientation.Horizontal, SizePercent: 100}
	ruleBelow = props.Line{Style: linestyle.Solid, Thickness: linestyle.DefaultLineThickness,
		Orientation: orientation.Horizontal, SizePercent: 100, OffsetPercent: 100}
)

func (rr rowRules) Render(provider core.Provider, cell *entity.Cell) {
	across := entity.Cell{X: cell.X, Y: cell.Y, Width: rr.width, Height: cell.Height}
	provider.AddLine(&across, &ruleAbove)
	provider.AddLine(&across, &ruleBelow)
}

func (rowRules) GetHeight(core.Provider, *entity.Cell) float64 { return 0 }

func (rowRules) SetConfig(*entity.Config) {}

func (rowRules) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "row_rules"})
}

// table lays out a bordered table in size-point type under its title,
// the heading bold and centred. Each row is one maroto row: rows stay
// whole across pages, and the heading starts every page the table runs
// over; the title and the heading stay with the first row.
func (r *renderer) table(title string, size float64, cols []column, body [][]cell) []core.Row {
	head := make([]cell, len(cols))
	for i, c := range cols {
		head[i] = cell{s: c.head, style: fontstyle.Bold, align: align.Center}
	}
	rows := r.centred(title, txt(12, fontstyle.BoldItalic, align.Center), r.width)
	rows = append(rows, space(1))
	rows = append(rows, r.tableRow(size, cols, head))
	r.keep(rows...)
	// A new heading row for every page: maroto misplaces the rows of a
	// page when one row object is drawn on several.
	width := r.width
	heading := func() []core.Row {
		saved := r.width
		r.width = width
		defer func() { r.width = saved }()
		return []core.Row{r.tableRow(size, cols, head)}
	}
	for _, b := range body {
		row := r.tableRow(size, cols, b)
		r.repeat(heading, row)
		rows = append(rows, row)
	}
	return rows
}

// tableRow is one line of a table. Its height is worked out here, with
// maroto's own line breaking (measurer.lines), so that maroto does not
// measure every cell again when it paginates: the text of a cell is then
// measured only when it is drawn. Its components are made when it is
// drawn (see drawn).
func (r *renderer) tableRow(size float64, cols []column, cells []cell) core.Row {
	l := &tableLine{m: r.m, width: r.width, size: size, cols: cols, cells: cells}
	h, _ := l.layout(false)
	return &drawn{height: h, cols: l}
}

// tableLine is a table row as tableRow lays it out: its cells and the
// line width it was laid out for.
type tableLine struct {
	m     *measurer
	width float64 // the line width of the sheet, mm
	size  float64
	cols  []column
	cells []cell
}

// columns are the row's maroto columns.
func (l *tableLine) columns() []core.Col {
	_, cols := l.layout(true)
	return cols
}

// layout is the row's height and, when build is set, its maroto columns:
// the cells in their columns, each drawing its left rule (the last its
// right one too), the first drawing the rules above and below the row.
func (l *tableLine) layout(build bool) (float64, []core.Col) {
	height, span := 0.0, 0
	var out []core.Col
	if build {
		out = make([]core.Col, len(l.cols))
	}
	for i, c := range l.cols {
		span += c.width
		var cl cell
		if i < len(l.cells) {
			cl = l.cells[i]
		}
		a := cl.align
		if a == "" {
			a = c.align
		}
		if a == "" {
			a = align.Left
		}
		p := props.Text{Family: family, Style: cl.style, Size: l.size, Align: a,
			Top: padTop, Bottom: padBottom, Left: padSide, Right: padSide}
		var h float64
		if !build || cl.note != "" {
			h = l.cellHeight(c.width, cl.s, p)
		}
		var np props.Text
		if cl.note != "" {
			np = p
			np.Style, np.Size = fontstyle.Italic, l.size-1.5
			np.Top = h - padBottom
			h = l.cellHeight(c.width, cl.note, np)
		}
		height = max(height, h)
		if !build {
			continue
		}
		style := frame
		if i == len(l.cols)-1 {
			style = frameLast
		}
		out[i] = col.New(c.width).WithStyle(style)
		if cl.s != "" {
			// An empty text would still select its font and write "".
			out[i].Add(text.New(cl.s, p))
		}
		if cl.note != "" {
			out[i].Add(text.New(cl.note, np))
		}
	}
	if build {
		out[0].Add(rowRules{width: l.width * (float64(span) / float64(grid))})
	}
	return height, out
}

// cellHeight is the height maroto gives a text component of p in a column
// of gridWidth: its lines at the font's height, and the padding.
func (l *tableLine) cellHeight(gridWidth int, s string, p props.Text) float64 {
	// The column's width as maroto works it out, to the last bit.
	width := l.width * (float64(gridWidth) / float64(grid))
	n := float64(l.m.lines(s, p.Style, p.Size, width-p.Left-p.Right))
	return n*(p.Size/(72/25.4)) + p.Top + p.Bottom
}
