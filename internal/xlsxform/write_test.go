package xlsxform

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

func TestChecksum(t *testing.T) {
	dir := filepath.Join("..", "catalog", "testdata", "minimal")
	c, err := catalog.Load(os.DirFS(dir), "minimal")
	if err != nil {
		t.Fatal(err)
	}
	base := Checksum(submission.BuildForm(c, c.Forms[0]))
	if again := Checksum(submission.BuildForm(c, c.Forms[0])); again != base {
		t.Fatalf("checksum not stable: %s then %s", base, again)
	}
	renamed := *c
	renamed.Dimensions = slices.Clone(c.Dimensions)
	renamed.Dimensions[0].Options = slices.Clone(c.Dimensions[0].Options)
	renamed.Dimensions[0].Options[0].Name = "Con trai"
	if got := Checksum(submission.BuildForm(&renamed, c.Forms[0])); got != base {
		t.Errorf("renaming an option changed the checksum; labels are not structure")
	}
	tests := []struct {
		name string
		form func(catalog.Form) catalog.Form
	}{
		{"indicator removed", func(f catalog.Form) catalog.Form { f.Indicators = f.Indicators[:3]; return f }},
		{"indicators reordered", func(f catalog.Form) catalog.Form {
			f.Indicators = []string{"BV02", "BV01", "BV03", "GD01"}
			return f
		}},
		{"narrative removed", func(f catalog.Form) catalog.Form { f.Narratives = f.Narratives[:1]; return f }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := c.Forms[0]
			form.Indicators = slices.Clone(form.Indicators)
			form.Narratives = slices.Clone(form.Narratives)
			if got := Checksum(submission.BuildForm(c, tt.form(form))); got == base {
				t.Errorf("checksum unchanged")
			}
		})
	}
}

func TestWrite_structure(t *testing.T) {
	spec := minimalSpec(t)
	data, err := Write(spec, testIdentity(spec), testCover(spec), prefilled())
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	if got, want := f.GetSheetList(), []string{"Hướng dẫn", "Biểu 1", "Thuyết minh", "_baocao"}; !slices.Equal(got, want) {
		t.Errorf("sheets = %q, want %q", got, want)
	}
	states := sheetStates(t, data)
	if states["_baocao"] != "veryHidden" {
		t.Errorf("identity sheet state = %q, want veryHidden", states["_baocao"])
	}
	for _, s := range []string{"Hướng dẫn", "Biểu 1", "Thuyết minh"} {
		if states[s] != "" {
			t.Errorf("sheet %s state = %q, want visible", s, states[s])
		}
	}

	t.Run("cover", func(t *testing.T) {
		rows, err := f.GetRows("Hướng dẫn")
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for _, r := range rows {
			text.WriteString(strings.Join(r, " | ") + "\n")
		}
		for _, want := range []string{
			"Đơn vị báo cáo | Sở Một", "Kỳ báo cáo | Báo cáo năm 2024", "Biểu mẫu | Biểu mẫu của sở",
			"Hạn nộp | hết ngày 09/11/2024", "Chỉ nhập vào các ô nền vàng",
			"nhập tử số và mẫu số", "Không thêm, xóa dòng hoặc cột", "tải lên tại trang nộp báo cáo",
			"Biểu 1 | II.2. Quản lý nhà nước",
		} {
			if !strings.Contains(text.String(), want) {
				t.Errorf("cover lacks %q:\n%s", want, text.String())
			}
		}
	})

	inputs := inputsOf(t, f)
	locked := func(sheet, cell string) bool {
		t.Helper()
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return st.Protection == nil || st.Protection.Locked
	}
	t.Run("inputs unlocked, labels locked", func(t *testing.T) {
		if len(inputs) != 15 { // 7 value cells, 2 rate parts, 2 narratives, 4 explanations
			t.Errorf("%d inputs, want 15", len(inputs))
		}
		for target, in := range inputs {
			if locked(in.Sheet, in.cell()) {
				t.Errorf("input %s at %s is locked", target, cellRef(in.Sheet, in.cell()))
			}
		}
		bv01 := inputs["value:BV01|SEX=M"]
		for _, cell := range []string{name(codeCol, bv01.Row), name(firstLabelCol, bv01.Row), name(bv01.Col, bv01.Row-1), "B2"} {
			if !locked("Biểu 1", cell) {
				t.Errorf("label 'Biểu 1'!%s is not locked", cell)
			}
		}
		if v, _ := f.GetCellValue("Biểu 1", name(firstLabelCol, bv01.Row)); v != "Nam" {
			t.Errorf("label of BV01|SEX=M = %q, want Nam", v)
		}
	})

	t.Run("formulas", func(t *testing.T) {
		bv01 := inputs["value:BV01|SEX=M"]
		total := name(bv01.Col, bv01.Row-1)
		got, _ := f.GetCellFormula("Biểu 1", total)
		want := "SUM(" + bv01.cell() + ":" + name(bv01.Col, bv01.Row+1) + ")"
		if got != want {
			t.Errorf("derived total %s = %q, want %q", total, got, want)
		}
		if v, _ := f.GetCellValue("Biểu 1", name(firstLabelCol, bv01.Row-1)); v != "Tổng số (tự tính)" {
			t.Errorf("derived total label = %q", v)
		}
		gd := inputs["value:GD01#num"]
		rate, _ := f.GetCellFormula("Biểu 1", name(gd.Col+2, gd.Row))
		if !strings.Contains(rate, gd.cell()+"/"+name(gd.Col+1, gd.Row)+"*100") {
			t.Errorf("rate formula = %q", rate)
		}
		if v, _ := f.GetCellValue("Biểu 1", name(gd.Col, gd.Row-1)); !strings.HasPrefix(v, "Tử số\n(Số trẻ 5 tuổi") {
			t.Errorf("numerator header = %q", v)
		}
	})

	t.Run("protection", func(t *testing.T) {
		for _, sheet := range f.GetSheetList() {
			x := sheetXML(t, data, sheet)
			prot := regexp.MustCompile(`<sheetProtection[^>]*>`).FindString(x)
			if !xmlBool(prot, "sheet", true) || !xmlBool(prot, "formatCells", false) {
				t.Errorf("sheet %s protection = %q, want protected allowing cell formatting", sheet, prot)
			}
		}
		if wb := string(parts(t, data)["xl/workbook.xml"]); !xmlBool(wb, "lockStructure", true) {
			t.Errorf("workbook structure not locked")
		}
	})

	t.Run("validations", func(t *testing.T) {
		dvs, err := f.GetDataValidations("Biểu 1")
		if err != nil {
			t.Fatal(err)
		}
		covered := map[string]string{}
		for _, dv := range dvs {
			for _, ref := range strings.Fields(dv.Sqref) {
				cells, err := expand(ref)
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range cells {
					covered[c] = dv.Type + " " + dv.Operator + " " + dv.Formula1
				}
			}
		}
		for _, target := range []string{"value:BV01|SEX=M", "value:BV01|SEX=F", "value:BV03", "value:GD01#num", "value:GD01#den"} {
			if got := covered[inputs[target].cell()]; got != "whole greaterThanOrEqual 0" {
				t.Errorf("validation of %s = %q, want whole ≥ 0", target, got)
			}
		}
	})
}

// xmlBool reports whether xml has boolean attribute attr set to want,
// written "1"/"0" or "true"/"false" depending on the program.
func xmlBool(xml, attr string, want bool) bool {
	v := "(0|false)"
	if want {
		v = "(1|true)"
	}
	return regexp.MustCompile(`\s` + attr + `="` + v + `"`).MatchString(xml)
}

// expand lists the cells of "D5" or "D5:D7".
func expand(ref string) ([]string, error) {
	from, to, ok := strings.Cut(ref, ":")
	if !ok {
		return []string{ref}, nil
	}
	c1, r1, err := excelize.CellNameToCoordinates(from)
	if err != nil {
		return nil, err
	}
	c2, r2, err := excelize.CellNameToCoordinates(to)
	if err != nil {
		return nil, err
	}
	var out []string
	for c := c1; c <= c2; c++ {
		for r := r1; r <= r2; r++ {
			out = append(out, name(c, r))
		}
	}
	return out, nil
}

// The form says over which days its figures are counted, on the cover
// and above every sheet.
func TestWrite_DataWindow(t *testing.T) {
	spec := minimalSpec(t)
	cover := testCover(spec)
	cover.DataWindow = "Số liệu tính từ ngày 01/11/2023 đến ngày 31/10/2024"
	data, err := Write(spec, testIdentity(spec), cover, submission.NewContent())
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range []string{"Hướng dẫn", "Biểu 1", "Thuyết minh"} {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for _, r := range rows {
			text.WriteString(strings.Join(r, " | ") + "\n")
		}
		if !strings.Contains(text.String(), cover.DataWindow) {
			t.Errorf("sheet %s does not state the data window:\n%s", sheet, text.String())
		}
	}
}
