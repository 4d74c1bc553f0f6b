package pdf

import (
	"strconv"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// pageNumber prints the page number centred in the top margin, from page 2
// on. maroto's own page numbers appear on every page and restart in every
// document, while Decree 30 wants none on page 1 and the report is merged
// from several documents; so this header component counts the pages it is
// drawn on (maroto renders pages in order in sequential mode) starting
// from the number the part begins at.
type pageNumber struct {
	next int
}

// pageNumberRow is the header row carrying the counter; it takes almost no
// room because it draws above its own cell, in the margin.
func pageNumberRow(p *pageNumber) core.Row {
	return row.New(0.01).Add(col.New(grid).Add(p))
}

func (p *pageNumber) Render(provider core.Provider, cell *entity.Cell) {
	n := p.next
	p.next++
	if n <= 1 {
		return
	}
	at := entity.Cell{X: cell.X, Y: cell.Y - marginTop + 8, Width: cell.Width, Height: 6}
	provider.AddText(strconv.Itoa(n), &at, &props.Text{
		Family: family, Style: fontstyle.Normal, Size: bodySize, Align: align.Center,
	})
}

func (p *pageNumber) GetHeight(core.Provider, *entity.Cell) float64 { return 0.01 }

func (p *pageNumber) SetConfig(*entity.Config) {}

func (p *pageNumber) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "page_number"})
}
