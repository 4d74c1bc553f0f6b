package xlsxform

import (
	"sort"

	"github.com/xuri/excelize/v2"

	"baocao/internal/submission"
)

// Columns of the narrative sheet: A anchors, B code, C title, D guidance,
// E the input.
var narrativeWidths = []float64{2, 15, 24, 30, 54}

// narrativeSheet renders one row per narrative section, then one row per
// indicator for explanations of warnings.
func (w *writer) narrativeSheet(spec *submission.FormSpec, cover Cover, content submission.Content) {
	const sheet = sheetNarrative
	if w.err != nil {
		return
	}
	if _, err := w.f.NewSheet(sheet); err != nil {
		w.fail(err, "add %s", sheet)
		return
	}
	w.widths(sheet, narrativeWidths...)
	w.span(sheet, 2, 5, 2, txtNarrTitle, w.st.title)
	w.height(sheet, 2, 24)
	w.span(sheet, 2, 5, 3, subtitle(cover), w.st.subtitle)

	row := 5
	w.span(sheet, 2, 5, row, txtNarrSection, w.st.section)
	row++
	if len(spec.Narratives) == 0 {
		w.span(sheet, 2, 5, row, txtNoNarratives, w.st.note)
		row++
	} else {
		for i, h := range []string{txtCode, txtPart, txtGuidance, txtText} {
			w.set(sheet, 2+i, row, h, w.st.header)
		}
		row++
	}
	for _, ns := range spec.Narratives {
		w.set(sheet, 2, row, ns.Code, w.st.narrCode)
		w.set(sheet, 3, row, ns.Title, w.st.narrTitle)
		w.set(sheet, 4, row, ns.Guidance, w.st.narrGuidance)
		var text any
		if t, ok := content.Narratives[ns.Code]; ok {
			text = t
		}
		w.input(input{Sheet: sheet, Col: 5, Row: row, Kind: kindNarrative, Code: ns.Code}, text, w.st.inNarrative, "")
		w.fitHeight(sheet, row, 8, map[string]float64{ns.Title: 24, ns.Guidance: 30, content.Narratives[ns.Code]: 56})
		row++
	}

	row++
	w.span(sheet, 2, 5, row, txtExplSection, w.st.section)
	row++
	w.span(sheet, 2, 5, row, txtExplNote, w.st.note)
	w.fitHeight(sheet, row, 1, map[string]float64{txtExplNote: 110})
	row++
	w.set(sheet, 2, row, txtCode, w.st.header)
	w.span(sheet, 3, 4, row, txtIndicator, w.st.header)
	w.set(sheet, 5, row, txtExplanation, w.st.header)
	row++
	for _, is := range spec.Indicators() {
		w.set(sheet, 2, row, is.Code, w.st.narrCode)
		w.span(sheet, 3, 4, row, is.Name, w.st.narrTitle)
		var text any
		if t, ok := content.Explanations[is.Code]; ok {
			text = t
		}
		w.input(input{Sheet: sheet, Col: 5, Row: row, Kind: kindExplanation, Code: is.Code}, text, w.st.inNarrative, "")
		w.fitHeight(sheet, row, 2, map[string]float64{is.Name: 54, content.Explanations[is.Code]: 56})
		row++
	}
	w.hideMarkers(sheet)
	w.printA4(sheet, false)
}

// validations adds, per sheet, one data validation per kind of input.
func (w *writer) validations() {
	sheets := make([]string, 0, len(w.checks))
	for s := range w.checks {
		sheets = append(sheets, s)
	}
	sort.Strings(sheets)
	for _, sheet := range sheets {
		for _, kind := range []string{checkWhole, checkDecimal, checkAmount, checkBool} {
			cells := w.checks[sheet][kind]
			if len(cells) == 0 || w.err != nil {
				continue
			}
			dv := excelize.NewDataValidation(true)
			dv.Sqref = squash(cells)
			var err error
			msg := txtWholeOnly
			switch kind {
			case checkWhole:
				err = dv.SetRange(0, 0, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorGreaterThanOrEqual)
			case checkDecimal:
				err = dv.SetRange(-1e15, 1e15, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
				msg = txtDecimal
			case checkAmount:
				err = dv.SetRange(0, 0, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual)
				msg = txtAmount
			case checkBool:
				err = dv.SetDropList([]string{txtYes, txtNo})
				msg = txtChoose
			}
			if kind == checkWhole || kind == checkAmount {
				dv.Formula2 = "" // one bound only
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, txtInvalidTitle, msg)
			w.fail(err, "validation %s of %s", kind, sheet)
			if w.err == nil {
				w.fail(w.f.AddDataValidation(sheet, dv), "add validation %s to %s", kind, sheet)
			}
		}
	}
}
