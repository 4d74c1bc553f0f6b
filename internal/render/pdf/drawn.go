package pdf

import (
	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// drawn is a row of fixed height whose maroto columns and components are
// made only when the document it goes in is drawn: maroto asks for a
// row's columns as its page is added to a document, and draws the
// document right after. They are let go once the row is drawn. The whole
// report is laid out before it is drawn, in documents of some hundred
// pages (chunks); made with the layout, the components of a national
// report's lines and table rows (hundreds of thousands) were all held
// until the last page was drawn.
type drawn struct {
	height float64
	cols   content

	config *entity.Config
	style  *props.Cell
	extra  []core.Col // columns added to the row, if ever
	built  core.Row   // from its first use in a document to its drawing
}

// content makes a drawn row's columns.
type content interface {
	columns() []core.Col
}

// row is the maroto row, made if it is not held.
func (d *drawn) row() core.Row {
	if d.built == nil {
		d.built = row.New(d.height).Add(d.cols.columns()...).Add(d.extra...)
		if d.style != nil {
			d.built.WithStyle(d.style)
		}
		if d.config != nil {
			d.built.SetConfig(d.config)
		}
	}
	return d.built
}

// Render draws the row and lets its components go.
func (d *drawn) Render(provider core.Provider, cell entity.Cell) {
	d.row().Render(provider, cell)
	d.built = nil
}

// GetHeight is the row's fixed height.
func (d *drawn) GetHeight(core.Provider, *entity.Cell) float64 { return d.height }

// GetColumns makes the row's columns.
func (d *drawn) GetColumns() []core.Col { return d.row().GetColumns() }

// Add adds columns after the row's own.
func (d *drawn) Add(cols ...core.Col) core.Row {
	d.extra = append(d.extra, cols...)
	if d.built != nil {
		d.built.Add(cols...)
	}
	return d
}

// WithStyle sets the row's style.
func (d *drawn) WithStyle(style *props.Cell) core.Row {
	d.style = style
	if d.built != nil {
		d.built.WithStyle(style)
	}
	return d
}

// SetConfig keeps the document's settings for the row's components.
func (d *drawn) SetConfig(config *entity.Config) {
	d.config = config
	if d.built != nil {
		d.built.SetConfig(config)
	}
}

// GetStructure is the structure of the made row.
func (d *drawn) GetStructure() *node.Node[core.Structure] { return d.row().GetStructure() }
