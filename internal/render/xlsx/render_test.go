package xlsx

import (
	"archive/zip"
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestRender_Sheets(t *testing.T) {
	_, _, f := render(t, testMeta)
	want := []string{sheetSummary, sheetByUnit, sheetProgress, sheetNarratives, sheetData, sheetChart}
	got := f.GetSheetList()
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	if want[0] != "Tổng hợp" || want[4] != "Dữ liệu" {
		t.Fatalf("sheet names lost their Vietnamese: %q", want)
	}
}

func TestRender_TitleBlock(t *testing.T) {
	_, _, f := render(t, testMeta)
	texts := sheetText(t, f, sheetSummary, 8)
	for _, want := range []string{"ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", "BÁO CÁO SỐ LIỆU TỔNG HỢP",
		"Báo cáo kết quả thực hiện năm 2025", "Số:      /BC-UBND", "năm 2025", "DỰ THẢO", "22/31"} {
		if !strings.Contains(texts, want) {
			t.Errorf("title block lacks %q:\n%s", want, texts)
		}
	}
	final := testMeta
	final.Issued = true
	_, _, f = render(t, final)
	issued := sheetText(t, f, sheetSummary, 8)
	if strings.Contains(issued, "DỰ THẢO") {
		t.Error("an issued report is marked DỰ THẢO")
	}
	for _, want := range []string{"Số: 07/BC-UBND", "ngày 21 tháng 11 năm 2025"} {
		if !strings.Contains(issued, want) {
			t.Errorf("the issued title block lacks %q:\n%s", want, issued)
		}
	}
}

// TestRender_DerivedTotal checks TQ01's total against the sum of every
// unit's parts, as a SUM formula over the parts below it.
func TestRender_DerivedTotal(t *testing.T) {
	s, _, f := render(t, testMeta)
	var want float64
	parts := 0
	for _, c := range s.CellsOf("TQ01") {
		if len(c.Disaggregation) == 0 {
			continue
		}
		parts++
		for _, v := range c.Units {
			want += *v.Number
		}
	}
	r := findRow(t, f, sheetSummary, map[int]string{2: "TQ01", 4: "Tổng số"})
	got := numberAt(t, f, sheetSummary, cellAt(6, r))
	if got != want || want == 0 {
		t.Errorf("TQ01 total = %v, want %v", got, want)
	}
	formula, err := f.GetCellFormula(sheetSummary, cellAt(6, r))
	if err != nil {
		t.Fatal(err)
	}
	if wantF := "SUM(F" + strconv.Itoa(r+1) + ":F" + strconv.Itoa(r+parts) + ")"; formula != wantF {
		t.Errorf("TQ01 formula = %q, want %q", formula, wantF)
	}
}

// TestRender_RateFromSummedParts: a rate's province value is the summed
// numerators over the summed denominators, which differs from the average
// of the rates it is made of.
func TestRender_RateFromSummedParts(t *testing.T) {
	s, _, f := render(t, testMeta)
	cases := []struct {
		code string
		// byParts averages the district cells (GD01 comes from one unit
		// broken down by district); otherwise the units' rates.
		byParts bool
	}{{"GD01", true}, {"VH01", false}}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			var num, den, sumRates float64
			n := 0
			add := func(nu, de float64) { num, den, sumRates, n = num+nu, den+de, sumRates+nu/de*100, n+1 }
			for _, c := range s.CellsOf(tc.code) {
				empty := len(c.Disaggregation) == 0
				for _, v := range c.Units {
					if tc.byParts && !empty {
						add(*v.Num, *v.Den)
					} else if !tc.byParts && empty {
						add(*v.Num, *v.Den)
					}
				}
			}
			correct, naive := num/den*100, sumRates/float64(n)
			if math.Abs(correct-naive) < 1e-6 {
				t.Fatalf("fixture no longer tells the two apart: %v vs %v", correct, naive)
			}
			r := findRow(t, f, sheetSummary, map[int]string{2: tc.code, 4: "Tổng số"})
			if got := numberAt(t, f, sheetSummary, cellAt(7, r)); got != num {
				t.Errorf("numerator = %v, want %v", got, num)
			}
			if got := numberAt(t, f, sheetSummary, cellAt(8, r)); got != den {
				t.Errorf("denominator = %v, want %v", got, den)
			}
			got := numberAt(t, f, sheetSummary, cellAt(9, r))
			if math.Abs(got-correct) > 1e-9 {
				t.Errorf("rate = %v, want %v", got, correct)
			}
			if math.Abs(got-naive) < 1e-6 {
				t.Errorf("rate %v is the average of rates %v", got, naive)
			}
			formula, _ := f.GetCellFormula(sheetSummary, cellAt(9, r))
			if want := `IFERROR(G` + strconv.Itoa(r) + `/H` + strconv.Itoa(r) + `*100,"")`; formula != want {
				t.Errorf("rate formula = %q, want %q", formula, want)
			}
			// The matrix's province column agrees.
			mr := findRow(t, f, sheetByUnit, map[int]string{1: tc.code, 3: "Tổng số"})
			last := byUnitFixedCols + len(s.Units) + 1
			if h, _ := f.GetCellValue(sheetByUnit, cellAt(last, byUnitHeaderRow)); h != "Toàn tỉnh" {
				t.Fatalf("last matrix column is %q", h)
			}
			if got := numberAt(t, f, sheetByUnit, cellAt(last, mr)); math.Abs(got-correct) > 1e-9 {
				t.Errorf("matrix province rate = %v, want %v", got, correct)
			}
		})
	}
}

func TestRender_Layout(t *testing.T) {
	_, out, f := render(t, testMeta)
	panes := map[string]string{
		sheetSummary: "A10", sheetByUnit: "E4", sheetProgress: "A3", sheetNarratives: "A3", sheetData: "A2",
	}
	for sheet, cell := range panes {
		p, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Freeze || p.TopLeftCell != cell {
			t.Errorf("%s panes = %+v, want frozen at %s", sheet, p, cell)
		}
	}
	filters := map[string]bool{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters[dn.Scope] = true
		}
	}
	for _, sheet := range []string{sheetSummary, sheetByUnit, sheetProgress, sheetNarratives} {
		if !filters[sheet] {
			t.Errorf("%s has no autofilter", sheet)
		}
	}
	tables, err := f.GetTables(sheetData)
	if err != nil || len(tables) != 1 || tables[0].Name != dataTable {
		t.Errorf("data tables = %+v, %v", tables, err)
	}
	zr, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]bool{}
	for _, zf := range zr.File {
		parts[zf.Name] = true
	}
	for _, p := range []string{"xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/drawings/drawing1.xml", "xl/drawings/drawing2.xml"} {
		if !parts[p] {
			t.Errorf("workbook lacks %s", p)
		}
	}
}

func TestRender_Progress(t *testing.T) {
	s, _, f := render(t, testMeta)
	c := s.Completeness
	want := map[string]int{msgExpected: c.Expected, msgSubmitted: c.Submitted, msgOnTime: c.OnTime,
		msgLate: c.Late, msgMissing: c.Missing}
	for label, n := range want {
		r := findRow(t, f, sheetProgress, map[int]string{blockCol: label})
		cell := cellAt(blockCol+1, r)
		if got := numberAt(t, f, sheetProgress, cell); int(got) != n {
			t.Errorf("%s = %v, want %d", label, got, n)
		}
		if formula, _ := f.GetCellFormula(sheetProgress, cell); formula == "" {
			t.Errorf("%s has no formula", label)
		}
	}
	r := findRow(t, f, sheetProgress, map[int]string{2: "Ủy ban nhân dân huyện An Minh"})
	if got, _ := f.GetCellValue(sheetProgress, cellAt(3, r)); got != statusLate {
		t.Errorf("An Minh status = %q, want %q", got, statusLate)
	}
	// Submitted 2025-11-13T06:40:13Z is 13:40 in Vietnam.
	if got, _ := f.GetCellValue(sheetProgress, cellAt(4, r)); got != "13/11/2025 13:40" {
		t.Errorf("An Minh submitted at %q", got)
	}
}

func TestRender_DataRows(t *testing.T) {
	s, _, f := render(t, testMeta)
	want, province := 0, 0
	for _, c := range s.Cells {
		for _, v := range c.Units {
			if !v.Empty() {
				want++
			}
		}
		if c.Total != nil && !c.Total.Empty() {
			province++
		}
	}
	rows, err := f.GetRows(sheetData)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(rows) - 1; got != want+province {
		t.Errorf("data rows = %d, want %d unit + %d province", got, want, province)
	}
	n := 0
	for _, r := range rows[1:] {
		if r[1] == provinceCode {
			n++
		}
	}
	if n != province {
		t.Errorf("province rows = %d, want %d", n, province)
	}
	r := findRow(t, f, sheetData, map[int]string{2: provinceCode, 4: "TQ01", 6: "SEX=F; AGE=TU_6_DUOI_11"})
	if got, _ := f.GetCellValue(sheetData, cellAt(7, r)); got != "Nữ, Từ 6 đến dưới 11 tuổi" {
		t.Errorf("breakdown label = %q", got)
	}
}

func TestRender_Properties(t *testing.T) {
	s, _, f := render(t, testMeta)
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if p.Creator != "baocao" || !strings.Contains(p.Title, "BÁO CÁO SỐ LIỆU TỔNG HỢP") ||
		p.Created != "2025-11-21T03:00:00Z" || !strings.Contains(p.Keywords, s.Round.Code) ||
		!strings.Contains(p.Keywords, s.Hash) || p.Subject == "" || p.Description == "" {
		t.Errorf("doc props = %+v", p)
	}
}

func TestRender_NoSnapshot(t *testing.T) {
	if _, err := Render(nil, testMeta); err == nil {
		t.Fatal("no error for a nil snapshot")
	}
}

func numberAt(t *testing.T, f *excelize.File, sheet, cell string) float64 {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("%s!%s = %q, not a number", sheet, cell, v)
	}
	return n
}

func sheetText(t *testing.T, f *excelize.File, sheet string, rows int) string {
	t.Helper()
	all, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := 0; i < rows && i < len(all); i++ {
		b.WriteString(strings.Join(all[i], " | ") + "\n")
	}
	return b.String()
}
