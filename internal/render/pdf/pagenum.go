package pdf

import (
	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// labelHeight is the height of the row carrying a page's label: almost
// none, as the label is drawn above it, in the top margin.
const labelHeight = 0.01

// pageLabel is a page's number (or "Phụ lục I - trang 2/11"), centred in
// the top margin as Decree 30 places page numbers. paginate puts one atop
// every page it makes, as maroto's own page numbers would restart in
// every merged document and number every page alike.
type pageLabel string

func pageLabelRow(label string, height float64) core.Row {
	return row.New(height).Add(col.New(grid).Add(pageLabel(label)))
}

func (l pageLabel) Render(provider core.Provider, cell *entity.Cell) {
	if l == "" {
		return
	}
	at := entity.Cell{X: cell.X, Y: cell.Y - marginTop + 8, Width: cell.Width, Height: 6}
	provider.AddText(string(l), &at, &props.Text{
		Family: family, Style: fontstyle.Normal, Size: bodySize, Align: align.Center,
	})
}

func (pageLabel) GetHeight(core.Provider, *entity.Cell) float64 { return 0 }

func (pageLabel) SetConfig(*entity.Config) {}

func (pageLabel) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "page_label"})
}
