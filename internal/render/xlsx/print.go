package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// paperA4 is the A4 paper size code of SpreadsheetML.
const paperA4 = 9

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

// printSetup prints the sheet on A4, one page wide, repeating the rows up
// to headerRow (its column headers) on every page.
func (b *book) printSetup(sheet string, headerRow int, landscape bool) error {
	orientation := "portrait"
	if landscape {
		orientation = "landscape"
	}
	size, one, any := paperA4, 1, 0
	if err := b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orientation, FitToWidth: &one, FitToHeight: &any,
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
	if headerRow == 0 {
		return nil
	}
	if err := b.f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, headerRow, headerRow),
		Scope:    sheet,
	}); err != nil {
		return fmt.Errorf("print titles: %w", err)
	}
	return nil
}
