package xlsxform

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestRead_libreOfficeFixture reads the filled form after LibreOffice saved
// it (see testdata/README.md).
func TestRead_libreOfficeFixture(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "libreoffice.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if wb := string(parts(t, data)["xl/workbook.xml"]); !strings.Contains(wb, `appName="Calc"`) {
		t.Fatalf("fixture was not saved by LibreOffice Calc")
	}
	// LibreOffice knows no very hidden sheets: it saves the identity sheet
	// as merely hidden, and Read does not care which.
	if state := sheetStates(t, data)["_baocao"]; state != "hidden" && state != "veryHidden" {
		t.Errorf("identity sheet state after LibreOffice = %q, want hidden or veryHidden", state)
	}
	if x := sheetXML(t, data, "Biểu 1"); !xmlBool(x, "sheet", true) {
		t.Errorf("LibreOffice dropped the sheet protection")
	}
	spec := minimalSpec(t)
	sameContent(t, applied(t, data, spec), expected())
}

// TestRead_rewritten reads the filled form after other programs rewrote it.
func TestRead_rewritten(t *testing.T) {
	spec := minimalSpec(t)
	base := fillTyped(t, spec)
	f, err := excelize.OpenReader(bytes.NewReader(base))
	if err != nil {
		t.Fatal(err)
	}
	inputs := inputsOf(t, f)
	f.Close()
	dataPart, narrPart := sheetPart(t, base, "Biểu 1"), sheetPart(t, base, "Thuyết minh")

	// cellXML replaces the whole <c> element of cell in a sheet part.
	cellXML := func(x []byte, cell, replacement string) []byte {
		t.Helper()
		re := regexp.MustCompile(`<c r="` + cell + `"[^>]*?(/>|>.*?</c>)`)
		if !re.Match(x) {
			t.Fatalf("no cell %s in sheet XML", cell)
		}
		return re.ReplaceAll(x, []byte(replacement))
	}
	bv02, bv01 := inputs["value:BV02|SEX=M"], inputs["value:BV01|SEX=F"]
	narr := inputs["narrative:KIEN-NGHI"]
	tests := []struct {
		name    string
		rewrite func([]byte) []byte
	}{
		{"excelize re-save with a cell reformatted", func(b []byte) []byte {
			f, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			format := `#,##0.00 "người"`
			style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
			if err != nil {
				t.Fatal(err)
			}
			m := inputs["value:BV01|SEX=M"]
			if err := f.SetCellStyle(m.Sheet, m.cell(), m.cell(), style); err != nil {
				t.Fatal(err)
			}
			buf, err := f.WriteToBuffer()
			if err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}},
		{"repacked with inline strings and a formula", func(b []byte) []byte {
			return repack(t, b, func(name string, x []byte) []byte {
				switch name {
				case dataPart:
					x = cellXML(x, bv02.cell(), `<c r="`+bv02.cell()+`" t="inlineStr"><is><t>1.234</t></is></c>`)
					x = cellXML(x, bv01.cell(), `<c r="`+bv01.cell()+`"><f>3+4</f><v>7</v></c>`)
				case narrPart:
					x = cellXML(x, narr.cell(), `<c r="`+narr.cell()+`" t="inlineStr"><is><r><t>Đề nghị bổ sung kinh phí.</t></r>`+
						`<r><rPr><b/></rPr><t xml:space="preserve">`+"\r\n"+`Đề nghị tập huấn thêm.</t></r></is></c>`)
				}
				return x
			})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameContent(t, applied(t, tt.rewrite(base), spec), expected())
		})
	}
}

// repack rebuilds a workbook's zip the way another program might: parts
// in reverse order, stored uncompressed, without document properties, each
// passed through edit.
func repack(t *testing.T, data []byte, edit func(name string, x []byte) []byte) []byte {
	t.Helper()
	ps := parts(t, data)
	names := make([]string, 0, len(ps))
	for n := range ps {
		if !strings.HasPrefix(n, "docprops/") {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	slices.Reverse(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(edit(n, ps[n])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
