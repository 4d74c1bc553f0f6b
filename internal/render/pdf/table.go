package pdf

import (
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// cell is one table cell's text and how it is set.
type cell struct {
	s     string
	style fontstyle.Type
	align align.Type
}

// column is a table column: its width in grid units and its heading.
type column struct {
	width int
	head  string
	align align.Type
}

var frame = &props.Cell{BorderType: border.Full, BorderThickness: 0.2}

// table lays out a bordered table in size-point type, the heading bold and
// centred. Each row is one maroto row: rows stay whole across pages.
func table(size float64, cols []column, body [][]cell) []core.Row {
	head := make([]cell, len(cols))
	for i, c := range cols {
		head[i] = cell{s: c.head, style: fontstyle.Bold, align: align.Center}
	}
	rows := []core.Row{tableRow(size, cols, head)}
	for _, b := range body {
		rows = append(rows, tableRow(size, cols, b))
	}
	return rows
}

func tableRow(size float64, cols []column, cells []cell) core.Row {
	r := row.New()
	for i, c := range cols {
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
		p := props.Text{Family: family, Style: cl.style, Size: size, Align: a, Top: 1, Bottom: 1.2, Left: 1.2, Right: 1.2}
		r.Add(text.NewCol(c.width, cl.s, p).WithStyle(frame))
	}
	return r
}
