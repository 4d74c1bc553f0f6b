package pdf

import (
	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
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
// measured only when it is drawn.
func (r *renderer) tableRow(size float64, cols []column, cells []cell) core.Row {
	height, span := 0.0, 0
	out := make([]core.Col, len(cols))
	for i, c := range cols {
		span += c.width
		var cl cell
		if i < len(cells) {
			cl = cells[i]
		}
		a := cl.align
		if a == "" {
			a = c.align
		}
		if a == "" {
			a = align.Left
		}
		p := props.Text{Family: family, Style: cl.style, Size: size, Align: a,
			Top: padTop, Bottom: padBottom, Left: padSide, Right: padSide}
		style := frame
		if i == len(cols)-1 {
			style = frameLast
		}
		h := r.cellHeight(c.width, cl.s, p)
		out[i] = col.New(c.width).WithStyle(style)
		if cl.s != "" {
			// An empty text would still select its font and write "".
			out[i].Add(text.New(cl.s, p))
		}
		if cl.note != "" {
			np := p
			np.Style, np.Size = fontstyle.Italic, size-1.5
			np.Top = h - padBottom
			h = r.cellHeight(c.width, cl.note, np)
			out[i].Add(text.New(cl.note, np))
		}
		height = max(height, h)
	}
	out[0].Add(rowRules{width: r.width * (float64(span) / float64(grid))})
	return row.New(height).Add(out...)
}

// cellHeight is the height maroto gives a text component of p in a column
// of gridWidth: its lines at the font's height, and the padding.
func (r *renderer) cellHeight(gridWidth int, s string, p props.Text) float64 {
	// The column's width as maroto works it out, to the last bit.
	width := r.width * (float64(gridWidth) / float64(grid))
	n := float64(r.m.lines(s, p.Style, p.Size, width-p.Left-p.Right))
	return n*(p.Size/(72/25.4)) + p.Top + p.Bottom
}
