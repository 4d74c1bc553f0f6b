package xlsxform

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// Write renders the unit's form prefilled with content: a cover sheet with
// instructions, one data sheet per task group ("Biểu 1", "Biểu 2", …), a
// narrative sheet and the very hidden identity sheet. The identity records
// Checksum(spec), whatever id.FormChecksum holds: the workbook is spec.
func Write(spec *submission.FormSpec, id Identity, cover Cover, content submission.Content) ([]byte, error) {
	id.FormChecksum = Checksum(spec)
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return nil, fmt.Errorf("write form %s: %w", spec.Form.Code, err)
	}
	w := &writer{f: f, st: st, checks: map[string]map[string][]cellPos{}}
	w.fail(f.SetDefaultFont(fontName), "default font")
	w.fail(f.SetSheetName("Sheet1", sheetCover), "rename first sheet")

	var dataSheets []string
	for i, sec := range spec.Sections {
		sheet := sheetData + " " + strconv.Itoa(i+1)
		dataSheets = append(dataSheets, sheet)
		w.dataSheet(sheet, sec, cover, content)
	}
	w.narrativeSheet(spec, cover, content)
	w.cover(spec, id, cover, dataSheets)
	w.writeIdentity(id, spec.Form.Code)
	w.validations()
	for _, sheet := range append(append([]string{sheetCover}, dataSheets...), sheetNarrative) {
		w.protect(sheet)
	}
	if w.err == nil {
		on := true
		w.fail(f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &on}), "calc props")
		w.fail(f.ProtectWorkbook(&excelize.WorkbookProtectionOptions{LockStructure: true}), "protect workbook")
		f.SetActiveSheet(0)
	}
	if w.err != nil {
		return nil, fmt.Errorf("write form %s: %w", spec.Form.Code, w.err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("write form %s: %w", spec.Form.Code, err)
	}
	return buf.Bytes(), nil
}

// cover fills the instruction sheet.
func (w *writer) cover(spec *submission.FormSpec, id Identity, c Cover, dataSheets []string) {
	const sheet = sheetCover
	w.widths(sheet, 2, 22, 78)
	w.span(sheet, 2, 3, 2, txtCoverTitle, w.st.title)
	w.height(sheet, 2, 24)
	row := 4
	pair := func(key, value string) {
		w.set(sheet, 2, row, key, w.st.coverKey)
		w.set(sheet, 3, row, value, w.st.coverValue)
		w.fitHeight(sheet, row, 1, map[string]float64{value: 78})
		row++
	}
	pair(txtUnit, c.UnitName)
	pair(txtRound, c.RoundTitle)
	if c.DataWindow != "" {
		pair(txtDataWindow, c.DataWindow)
	}
	pair(txtForm, c.FormTitle)
	if !c.DueAt.IsZero() {
		pair(txtDue, catalog.DeadlineText(c.DueAt))
	}
	pair(txtCodes, fmt.Sprintf(txtCodesFormat, id.Round, id.Unit, id.CatalogVersion))
	row++
	w.span(sheet, 2, 3, row, txtHowTo, w.st.section)
	row++
	for _, step := range coverSteps {
		w.span(sheet, 2, 3, row, step, w.st.paragraph)
		w.fitHeight(sheet, row, 1, map[string]float64{step: 100})
		row++
	}
	row++
	w.span(sheet, 2, 3, row, txtSheetsHeader, w.st.section)
	row++
	for i, sheetName := range dataSheets {
		tg := spec.Sections[i].TaskGroup
		pair(sheetName, tg.Code+". "+tg.Title)
	}
	pair(sheetNarrative, txtSheetNarr)
	w.printA4(sheet, false)
}
