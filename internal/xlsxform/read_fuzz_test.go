package xlsxform

import (
	"archive/zip"
	"baocao/internal/msgcheck"
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// FuzzRead feeds Read uploaded bytes: the minimal form as Write makes it,
// filled in and saved by excelize and by LibreOffice, and the filled form
// repacked without compression, checksums, styles or theme, so that the
// fuzzer's edits reach the XML of its parts.
func FuzzRead(f *testing.F) {
	spec := minimalSpec(f)
	written, err := Write(spec, testIdentity(spec), testCover(spec), prefilled())
	if err != nil {
		f.Fatal(err)
	}
	filled := fillTyped(f, spec)
	libre, err := os.ReadFile(filepath.Join("testdata", "libreoffice.xlsx"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(written)
	f.Add(filled)
	f.Add(libre)
	f.Add(storedUnchecked(f, filled))
	formats := msgcheck.Load(f, "messages.go", 10)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, spec, data, formats)
	})
}

// FuzzReadCells edits the filled minimal form cell by cell before Read:
// rows of the hidden identity sheet (its header, its map of inputs) and
// values typed anywhere, each given as tab-separated lines. The map decides
// what each cell means, so this is where an import could write outside the
// form.
//
//	identity: "ROW\tA\tB\tC…" sets row ROW of the identity sheet from column A
//	cells:    "SHEET\tCELL\tVALUE" types VALUE (a number when it reads as one)
func FuzzReadCells(f *testing.F) {
	spec := minimalSpec(f)
	filled := fillTyped(f, spec)
	formats := msgcheck.Load(f, "messages.go", 10)
	ins := inputsOf(f, openWorkbook(f, filled))
	in := func(target string) input { return ins[target] }
	rate, bv03 := in("value:GD01#num"), in("value:BV03|FORM=A")
	f.Add("", "")
	f.Add("2\tround\tNAM-2025\n3\tunit\tSO2", "")
	f.Add("", "Biểu 1\t"+rate.cell()+"\t1.234,5\nBiểu 1\t"+bv03.cell()+"\t-0")
	f.Add("9\t"+rate.Sheet+"\t"+bv03.cell()+"\tvalue\tGD01\tnum", "")
	f.Add("9\tThuyết minh\tZZ99\tnarrative\tKQ-II.1\t", "Thuyết minh\tZZ99\tx")
	f.Add("1\tbaocao.xlsxform\t2", "")
	f.Add("9\t"+rate.Sheet+"\t"+rate.cell()+"\tvalue\tBV01|SEX=X\t", "")
	f.Fuzz(func(t *testing.T, identity, cells string) {
		wb := openWorkbook(t, filled)
		defer wb.Close()
		if !edit(wb, sheetIdentity, identity, true) || !edit(wb, "", cells, false) {
			return
		}
		buf, err := wb.WriteToBuffer()
		if err != nil {
			return // excelize refuses to save what it was given
		}
		checkRead(t, spec, buf.Bytes(), formats)
	})
}

// edit applies tab-separated lines to wb, identity rows to sheet; false
// when a line cannot apply.
func edit(wb *excelize.File, sheet, lines string, identity bool) bool {
	for line := range strings.SplitSeq(lines, "\n") {
		if line == "" {
			continue
		}
		fields := strings.Split(line, "\t")
		if identity {
			row, err := strconv.Atoi(fields[0])
			if err != nil || row < 1 || row > 50 || len(fields) > 8 {
				return false
			}
			for i, v := range fields[1:] {
				if wb.SetCellStr(sheet, name(i+1, row), v) != nil {
					return false
				}
			}
			continue
		}
		if len(fields) != 3 {
			return false
		}
		// Far cells only make excelize build large sheets in this harness.
		if col, row, err := excelize.CellNameToCoordinates(fields[1]); err != nil || col > 60 || row > 500 {
			return false
		}
		var err error
		if f, perr := strconv.ParseFloat(fields[2], 64); perr == nil {
			err = wb.SetCellValue(fields[0], fields[1], f)
		} else {
			err = wb.SetCellStr(fields[0], fields[1], fields[2])
		}
		if err != nil {
			return false
		}
	}
	return true
}

func openWorkbook(tb testing.TB, data []byte) *excelize.File {
	tb.Helper()
	wb, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	return wb
}

// checkRead reads data as the minimal form's upload and checks what any
// upload must give: no error; either problems worded by the package's
// messages and no change, or a change naming only the form's inputs, once
// each, that Apply accepts as cells of the form; the same both times.
func checkRead(t *testing.T, spec *submission.FormSpec, data []byte, formats msgcheck.Formats) {
	t.Helper()
	ch, problems, err := Read(t.Context(), data, spec, testIdentity(spec), Limits{})
	if err != nil {
		t.Fatalf("Read failed inside: %v", err)
	}
	ch2, problems2, _ := Read(t.Context(), data, spec, testIdentity(spec), Limits{})
	if !reflect.DeepEqual(ch, ch2) || !reflect.DeepEqual(problems, problems2) {
		t.Fatalf("two reads of the same upload differ")
	}
	if len(problems) > 0 {
		if len(ch.Entries) > 0 || len(ch.Narratives) > 0 || len(ch.Explanations) > 0 {
			t.Fatalf("Read returned a change with its problems %v", problems)
		}
		if len(problems) > maxProblems+1 {
			t.Fatalf("%d problems listed, more than the cap", len(problems))
		}
		for _, p := range problems {
			if !formats.Match(p.Message) || (p.Cell != "" && p.Sheet == "") {
				t.Fatalf("problem %q is not one of the package's messages, or has a cell without a sheet", p)
			}
		}
		return
	}
	seen := map[string]bool{}
	for _, e := range ch.Entries {
		is, ok := spec.Indicator(e.Indicator)
		if !ok {
			t.Fatalf("entry for %s, not an indicator of the form", e.Indicator)
		}
		key := submission.CellKey(e.Indicator, is.Indicator.Dimensions, e.Disaggregation)
		cell, ok := spec.Cell(key)
		if !ok || len(cell.Disaggregation) != len(e.Disaggregation) {
			t.Fatalf("entry for %s %v, not a cell of the form", e.Indicator, e.Disaggregation)
		}
		wantParts := e.Part == ""
		if is.ValueType == catalog.TypeRate {
			wantParts = e.Part == submission.PartNumerator || e.Part == submission.PartDenominator
		}
		if !wantParts || e.Text == nil || e.Where == "" {
			t.Fatalf("entry %+v: part, text or place missing", e)
		}
		if seen[string(key)+"#"+e.Part] {
			t.Fatalf("cell %s#%s read twice", key, e.Part)
		}
		seen[string(key)+"#"+e.Part] = true
	}
	for k := range ch.Narratives {
		if !spec.HasNarrative(k) {
			t.Fatalf("narrative %q is not one of the form", k)
		}
	}
	for k := range ch.Explanations {
		if _, ok := spec.Indicator(k); !ok {
			t.Fatalf("explanation for %q, not an indicator of the form", k)
		}
	}
	_, verrs := submission.Apply(spec, prefilled(), ch)
	for _, e := range verrs {
		switch e.Code {
		case submission.ErrWrongType, submission.ErrNegative, submission.ErrFraction, submission.ErrTooLong:
		default:
			t.Fatalf("the imported change does not fit the form: %+v", e)
		}
	}
}

// storedUnchecked repacks a workbook uncompressed with no CRC-32 (which
// archive/zip then does not check), so edits in place reach the XML.
func storedUnchecked(tb testing.TB, data []byte) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	all := parts(tb, data)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		n := strings.ToLower(zf.Name)
		if strings.HasPrefix(n, "docprops/") || strings.HasPrefix(n, "xl/theme/") || n == "xl/styles.xml" {
			continue
		}
		b := all[n]
		w, err := zw.CreateRaw(&zip.FileHeader{Name: zf.Name, Method: zip.Store,
			CompressedSize64: uint64(len(b)), UncompressedSize64: uint64(len(b))})
		if err == nil {
			_, err = w.Write(b)
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
