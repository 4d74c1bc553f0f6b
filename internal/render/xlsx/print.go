package xlsx

import (
	"fmt"
	"math"

	"github.com/xuri/excelize/v2"
)

// Paper size codes of SpreadsheetML.
const (
	paperA4 = 9
	paperA3 = 8
)

// Printable widths in pixels at 96 dpi, the page less its side margins
// (printSetup's 0.5"), and the pixels of one unit of column width (one
// digit of the default font).
const (
	a4PortraitPx  = (8.27 - 2*0.5) * 96
	a3LandscapePx = (16.54 - 2*0.5) * 96
	pxPerWidth    = 7.0
	// minScale is the smallest print scale at which an 11 pt table stays
	// readable (8 pt): a sheet wider than an A3 page holds at that scale
	// is printed on more pages across rather than shrunk further.
	minScale = 0.72
)

// pageLayout is how a sheet goes on paper.
type pageLayout struct {
	size        int
	orientation string
	pagesWide   int
}

// layoutFor picks the paper for columns of widths, the first titleCols of
// which repeat on every page across: a sheet that fits an A4 portrait page
// prints on it, a wider one on A3 landscape, on as many pages across as
// keep it at minScale or larger.
func layoutFor(widths []float64, titleCols int) pageLayout {
	var total, titles float64
	for i, w := range widths {
		total += w * pxPerWidth
		if i < titleCols {
			titles += w * pxPerWidth
		}
	}
	if total <= a4PortraitPx {
		return pageLayout{paperA4, "portrait", 1}
	}
	page := a3LandscapePx / minScale
	pages := 1
	if total > page {
		// Every page repeats the title columns; the rest share what is left.
		pages = int(math.Ceil((total - titles) / (page - titles)))
	}
	return pageLayout{paperA3, "landscape", pages}
}

// fitToPage lets the page setup scale the sheet to the paper. It lives in
// the sheet properties, which a stream writer writes before the first row,
// so it is set before the sheet is streamed.
func (b *book) fitToPage(sheet string) error {
	fit := true
	if err := b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("fit to page: %w", err)
	}
	return nil
}

// printSetup prints the sheet on the paper its column widths need (see
// layoutFor), as many pages tall as it takes, repeating the rows up to
// headerRow (its column headers) on every page down and its first
// titleCols columns on every page across.
func (b *book) printSetup(sheet string, widths []float64, headerRow, titleCols int) error {
	l := layoutFor(widths, titleCols)
	tall := 0
	if err := b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &l.size, Orientation: &l.orientation, FitToWidth: &l.pagesWide, FitToHeight: &tall,
	}); err != nil {
		return fmt.Errorf("page layout: %w", err)
	}
	top, side, edge := 0.6, 0.5, 0.3
	if err := b.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Top: &top, Bottom: &top, Left: &side, Right: &side, Header: &edge, Footer: &edge,
	}); err != nil {
		return fmt.Errorf("margins: %w", err)
	}
	footer := "&L&8" + sheet + "&R&8&P/&N"
	if err := b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: footer}); err != nil {
		return fmt.Errorf("footer: %w", err)
	}
	if ref := printTitles(sheet, headerRow, titleCols); ref != "" {
		if err := b.f.SetDefinedName(&excelize.DefinedName{
			Name: "_xlnm.Print_Titles", RefersTo: ref, Scope: sheet,
		}); err != nil {
			return fmt.Errorf("print titles: %w", err)
		}
	}
	return nil
}

// printTitles is the Print_Titles reference of the sheet: its first cols
// columns and its rows up to headerRow, columns first as Excel writes it.
func printTitles(sheet string, headerRow, cols int) string {
	var ref string
	if cols > 0 {
		last, _ := excelize.ColumnNumberToName(cols)
		ref = fmt.Sprintf("'%s'!$A:$%s", sheet, last)
	}
	if headerRow > 0 {
		if ref != "" {
			ref += ","
		}
		ref += fmt.Sprintf("'%s'!$%d:$%d", sheet, headerRow, headerRow)
	}
	return ref
}
