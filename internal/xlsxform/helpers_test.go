package xlsxform

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// minimalCatalog is the small valid catalog of the catalog package.
func minimalCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(os.DirFS(filepath.Join("..", "catalog", "testdata", "minimal")), "minimal")
	if err != nil {
		t.Fatalf("load minimal catalog: %v", err)
	}
	return c
}

// minimalSpec is form BM-SO of the minimal test catalog.
func minimalSpec(t testing.TB) *submission.FormSpec {
	t.Helper()
	c := minimalCatalog(t)
	return submission.BuildForm(c, c.Forms[0])
}

// testIdentity is the identity the tests and the fixture use.
func testIdentity(spec *submission.FormSpec) Identity {
	return Identity{Round: "NAM-2024", Unit: "SO1", CatalogVersion: 1, FormChecksum: Checksum(spec)}
}

func testCover(spec *submission.FormSpec) Cover {
	return Cover{UnitName: "Sở Một", RoundTitle: "Báo cáo năm 2024", FormTitle: spec.Form.Title,
		DueAt: time.Date(2024, 11, 9, 17, 0, 0, 0, time.UTC)}
}

func num(f float64) *float64 { return &f }
func str(s string) *string   { return &s }

// prefilled is the content the round trip writes into the workbook.
func prefilled() submission.Content {
	c := submission.NewContent()
	c.Values["BV01|SEX=M"] = submission.Value{Number: num(5)}
	c.Values["BV02|SEX=F"] = submission.Value{Number: num(3)}
	c.Values["GD01"] = submission.Value{Num: num(90), Den: num(120)}
	c.Narratives["KQ-II.1"] = "Đã triển khai đầy đủ các nhiệm vụ được giao."
	return c
}

// typed is what a person types into the written workbook, by input target:
// a float64 is typed as a number, a string as text, nil clears the cell.
var typed = map[string]any{
	"value:BV01|SEX=F":    7.0,
	"value:BV02|SEX=M":    "1.234",
	"value:BV02|SEX=F":    nil,
	"value:BV03":          15.0,
	"value:BV03|FORM=A":   9.0,
	"value:BV03|FORM=B":   "4",
	"value:GD01#num":      95.0,
	"value:GD01#den":      100.0,
	"narrative:KIEN-NGHI": "Đề nghị bổ sung kinh phí.\nĐề nghị tập huấn thêm.",
	"explanation:BV01":    "Số trẻ em tăng do rà soát lại danh sách.",
}

// expected is prefilled() with typed applied.
func expected() submission.Content {
	c := submission.NewContent()
	c.Values["BV01|SEX=M"] = submission.Value{Number: num(5)}
	c.Values["BV01|SEX=F"] = submission.Value{Number: num(7)}
	c.Values["BV02|SEX=M"] = submission.Value{Number: num(1234)}
	c.Values["BV03"] = submission.Value{Number: num(15)}
	c.Values["BV03|FORM=A"] = submission.Value{Number: num(9)}
	c.Values["BV03|FORM=B"] = submission.Value{Number: num(4)}
	c.Values["GD01"] = submission.Value{Num: num(95), Den: num(100)}
	c.Narratives["KQ-II.1"] = "Đã triển khai đầy đủ các nhiệm vụ được giao."
	c.Narratives["KIEN-NGHI"] = "Đề nghị bổ sung kinh phí.\nĐề nghị tập huấn thêm."
	c.Explanations["BV01"] = "Số trẻ em tăng do rà soát lại danh sách."
	return c
}

// inputsOf reads the input map of a written workbook.
func inputsOf(t testing.TB, f *excelize.File) map[string]input {
	t.Helper()
	_, inputs, ok, err := readIdentity(f)
	if err != nil || !ok {
		t.Fatalf("read identity: ok=%v err=%v", ok, err)
	}
	out := map[string]input{}
	for _, in := range inputs {
		out[in.target()] = in
	}
	return out
}

// fillTyped writes the filled and prefilled minimal form as a person would.
func fillTyped(t testing.TB, spec *submission.FormSpec) []byte {
	t.Helper()
	data, err := Write(spec, testIdentity(spec), testCover(spec), prefilled())
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open written workbook: %v", err)
	}
	defer f.Close()
	inputs := inputsOf(t, f)
	for target, v := range typed {
		in, ok := inputs[target]
		if !ok {
			t.Fatalf("no input %s in the workbook", target)
		}
		var err error
		switch v := v.(type) {
		case string:
			err = f.SetCellStr(in.Sheet, in.cell(), v)
		default:
			err = f.SetCellValue(in.Sheet, in.cell(), v)
		}
		if err != nil {
			t.Fatalf("type into %s: %v", target, err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatalf("save filled workbook: %v", err)
	}
	return buf.Bytes()
}
