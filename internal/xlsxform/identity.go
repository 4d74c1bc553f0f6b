package xlsxform

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The identity sheet is very hidden (only a macro or another program can
// show it). Custom document properties would be lighter, but not every
// spreadsheet program keeps them when it saves.
const (
	sheetIdentity  = "_baocao"
	identityMarker = "baocao.xlsxform"
	mapHeader      = "sheet"
	// identityFormat changes when the identity sheet's own layout does.
	// Where Write places inputs may change freely: Read follows the map.
	identityFormat = 1
)

// Identity sheet keys.
const (
	keyRound    = "round"
	keyUnit     = "unit"
	keyCatalog  = "catalog_version"
	keyChecksum = "checksum"
	keyForm     = "form"
)

// Kinds of input.
const (
	kindValue       = "value"
	kindNarrative   = "narrative"
	kindExplanation = "explanation"
)

// input is one input cell and what it holds: a cell key (and rate part),
// a narrative code or the indicator code of an explanation.
type input struct {
	Sheet    string
	Col, Row int
	Kind     string
	Code     string
	Part     string
}

func (in input) cell() string { return name(in.Col, in.Row) }

// anchor is what the hidden column A holds on the input's row; both parts
// of a rate share it.
func (in input) anchor() string { return in.Kind + ":" + in.Code }

// target identifies what the input holds, independent of its place.
func (in input) target() string {
	if in.Part != "" {
		return in.anchor() + "#" + in.Part
	}
	return in.anchor()
}

func quoteSheet(sheet string) string { return "'" + strings.ReplaceAll(sheet, "'", "''") + "'" }

// cellRef is the reference people see in messages: 'Biểu 1'!D12.
func cellRef(sheet, cell string) string { return quoteSheet(sheet) + "!" + cell }

// writeIdentity adds the very hidden identity sheet. Every value is a
// string, so no program reformats it.
func (w *writer) writeIdentity(id Identity, formCode string) {
	if w.err != nil {
		return
	}
	if _, err := w.f.NewSheet(sheetIdentity); err != nil {
		w.fail(err, "add %s", sheetIdentity)
		return
	}
	rows := [][]string{
		{identityMarker, strconv.Itoa(identityFormat)},
		{keyRound, id.Round},
		{keyUnit, id.Unit},
		{keyCatalog, strconv.FormatInt(id.CatalogVersion, 10)},
		{keyChecksum, id.FormChecksum},
		{keyForm, formCode},
		{},
		{mapHeader, "cell", "kind", "code", "part"},
	}
	for _, in := range w.inputs {
		rows = append(rows, []string{in.Sheet, in.cell(), in.Kind, in.Code, in.Part})
	}
	for r, row := range rows {
		for c, v := range row {
			if v != "" && w.err == nil {
				w.fail(w.f.SetCellStr(sheetIdentity, name(c+1, r+1), v), "write identity")
			}
		}
	}
	w.widths(sheetIdentity, 16, 40, 12, 30, 6)
	w.protect(sheetIdentity)
	if w.err == nil {
		w.fail(w.f.SetSheetVisible(sheetIdentity, false, true), "hide %s", sheetIdentity)
	}
}

// readIdentity reads the identity sheet; ok is false when it is missing or
// not one this package wrote.
func readIdentity(f *excelize.File) (id Identity, inputs []input, ok bool, err error) {
	if idx, _ := f.GetSheetIndex(sheetIdentity); idx < 0 {
		return id, nil, false, nil
	}
	rows, err := f.GetRows(sheetIdentity, excelize.Options{RawCellValue: true})
	if err != nil {
		return id, nil, false, fmt.Errorf("read identity sheet: %w", err)
	}
	cell := func(row []string, i int) string {
		if i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	if len(rows) == 0 || cell(rows[0], 0) != identityMarker {
		return id, nil, false, nil
	}
	values := map[string]string{}
	i := 1
	for ; i < len(rows) && cell(rows[i], 0) != mapHeader; i++ {
		values[cell(rows[i], 0)] = cell(rows[i], 1)
	}
	version, verr := strconv.ParseInt(values[keyCatalog], 10, 64)
	if verr != nil || values[keyRound] == "" || values[keyUnit] == "" || values[keyChecksum] == "" {
		return id, nil, false, nil
	}
	if cell(rows[0], 1) != strconv.Itoa(identityFormat) {
		// A map this version cannot read: refuse it as a changed
		// structure by spoiling the checksum.
		values[keyChecksum] = "format " + cell(rows[0], 1)
	}
	id = Identity{Round: values[keyRound], Unit: values[keyUnit], CatalogVersion: version, FormChecksum: values[keyChecksum]}
	for i++; i < len(rows); i++ {
		row := rows[i]
		if cell(row, 0) == "" {
			continue
		}
		col, r, cerr := excelize.CellNameToCoordinates(cell(row, 1))
		if cerr != nil {
			return id, nil, false, nil
		}
		inputs = append(inputs, input{Sheet: cell(row, 0), Col: col, Row: r, Kind: cell(row, 2), Code: cell(row, 3), Part: cell(row, 4)})
	}
	return id, inputs, true, nil
}
