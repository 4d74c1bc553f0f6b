package xlsxform

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"baocao/internal/submission"
)

// applied reads data and applies the change to empty content.
func applied(t *testing.T, data []byte, spec *submission.FormSpec) submission.Content {
	t.Helper()
	change, problems, err := Read(t.Context(), data, spec, testIdentity(spec), Limits{})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if len(problems) > 0 {
		t.Fatalf("Read problems: %v", problems)
	}
	got, verrs := submission.Apply(spec, submission.NewContent(), change)
	if len(verrs) > 0 {
		t.Fatalf("Apply: %+v", verrs)
	}
	return got
}

// sameContent reports every difference between got and want.
func sameContent(t *testing.T, got, want submission.Content) {
	t.Helper()
	for k, w := range want.Values {
		if g, ok := got.Values[k]; !ok || !g.Equal(w) {
			t.Errorf("value %s = %v, want %v", k, g.JSON(), w.JSON())
		}
	}
	for k, g := range got.Values {
		if _, ok := want.Values[k]; !ok {
			t.Errorf("unexpected value %s = %v", k, g.JSON())
		}
	}
	for name, pair := range map[string][2]map[string]string{
		"narrative":   {got.Narratives, want.Narratives},
		"explanation": {got.Explanations, want.Explanations},
	} {
		g, w := pair[0], pair[1]
		for k := range w {
			if g[k] != w[k] {
				t.Errorf("%s %s = %q, want %q", name, k, g[k], w[k])
			}
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				t.Errorf("unexpected %s %s = %q", name, k, g[k])
			}
		}
	}
}

func TestRead_roundTrip(t *testing.T) {
	spec := minimalSpec(t)
	data := fillTyped(t, spec)
	sameContent(t, applied(t, data, spec), expected())

	change, _, _ := Read(t.Context(), data, spec, testIdentity(spec), Limits{})
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in := inputsOf(t, f)["value:BV02|SEX=M"]
	for _, e := range change.Entries {
		if e.Indicator == "BV02" && e.Disaggregation["SEX"] == "M" {
			if want := "'Biểu 1'!" + in.cell(); e.Where != want {
				t.Errorf("Where = %q, want %q", e.Where, want)
			}
			if *e.Text != "1.234" {
				t.Errorf("text typed as text = %q, want it as typed", *e.Text)
			}
		}
	}
}

func TestRead_badValueIsLocated(t *testing.T) {
	spec := minimalSpec(t)
	data, err := Write(spec, testIdentity(spec), testCover(spec), submission.NewContent())
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	in := inputsOf(t, f)["value:BV03|FORM=B"]
	if err := f.SetCellStr(in.Sheet, in.cell(), "mười"); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	change, problems, err := Read(t.Context(), buf.Bytes(), spec, testIdentity(spec), Limits{})
	if err != nil || len(problems) > 0 {
		t.Fatalf("Read: %v %v", problems, err)
	}
	_, verrs := submission.Apply(spec, submission.NewContent(), change)
	if len(verrs) != 1 || verrs[0].Where != "'Biểu 1'!"+in.cell() || verrs[0].Code != submission.ErrWrongType {
		t.Errorf("Apply errors = %+v, want one wrong_type at 'Biểu 1'!%s", verrs, in.cell())
	}
}

func TestNumberText(t *testing.T) {
	tests := []struct {
		raw  string
		typ  excelize.CellType
		want float64
	}{
		{"1234", excelize.CellTypeUnset, 1234},
		{"1.234", excelize.CellTypeNumber, 1.234}, // a stored decimal, not thousands
		{"0.30000000000000004", excelize.CellTypeUnset, 0.30000000000000004},
		{"1.5E+20", excelize.CellTypeUnset, 1.5e20},
		{"1.234", excelize.CellTypeSharedString, 1234}, // typed as text: Vietnamese thousands
		{"12,5", excelize.CellTypeInlineString, 12.5},
		{"-7", excelize.CellTypeNumber, -7},
	}
	for _, tt := range tests {
		text := numberText(tt.raw, tt.typ)
		got, ok := submission.ParseNumber(text)
		if !ok || got != tt.want {
			t.Errorf("numberText(%q, %v) = %q, parsed %v %v; want %v", tt.raw, tt.typ, text, got, ok, tt.want)
		}
	}
}

func TestProblem_String(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{Sheet: "Biểu 1", Cell: "D12", Message: "sai"}, "'Biểu 1'!D12: sai"},
		{Problem{Sheet: "Biểu 1", Message: "sai"}, "'Biểu 1': sai"},
		{Problem{Sheet: "O'Neil", Cell: "A1", Message: "sai"}, "'O''Neil'!A1: sai"},
		{Problem{Message: "sai"}, "sai"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

// TestRead_moved edits the layout the way protection is meant to prevent,
// and expects Read to refuse rather than read shifted cells.
func TestRead_moved(t *testing.T) {
	spec := minimalSpec(t)
	base := fillTyped(t, spec)
	f0, err := excelize.OpenReader(bytes.NewReader(base))
	if err != nil {
		t.Fatal(err)
	}
	inputs := inputsOf(t, f0)
	f0.Close()
	bv02 := inputs["value:BV02|SEX=M"]
	tests := []struct {
		name string
		edit func(f *excelize.File) error
		want Problem
	}{
		{"row inserted", func(f *excelize.File) error { return f.InsertRows("Biểu 1", bv02.Row, 1) },
			Problem{Sheet: "Biểu 1", Cell: bv02.cell(), Message: msgCellMoved}},
		{"row deleted", func(f *excelize.File) error { return f.RemoveRow("Biểu 1", bv02.Row-3) },
			Problem{Sheet: "Biểu 1", Cell: bv02.cell(), Message: msgCellMoved}},
		{"column inserted", func(f *excelize.File) error { return f.InsertCols("Biểu 1", "C", 1) },
			Problem{Sheet: "Biểu 1", Cell: inputs["value:BV01|SEX=M"].cell(), Message: msgCellMoved}},
		{"sheet renamed", func(f *excelize.File) error { return f.SetSheetName("Thuyết minh", "Thuyet minh") },
			Problem{Sheet: "Thuyết minh", Message: msgSheetMissing}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := excelize.OpenReader(bytes.NewReader(base))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := tt.edit(f); err != nil {
				t.Fatal(err)
			}
			buf, err := f.WriteToBuffer()
			if err != nil {
				t.Fatal(err)
			}
			change, problems, err := Read(t.Context(), buf.Bytes(), spec, testIdentity(spec), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if len(change.Entries) > 0 || len(change.Narratives) > 0 {
				t.Errorf("a moved layout still gave %d entries", len(change.Entries))
			}
			if !slices.Contains(problems, tt.want) {
				t.Errorf("problems = %v, want one of them %v", problems, tt.want)
			}
		})
	}
}

func TestRead_cappedProblems(t *testing.T) {
	var ps []Problem
	for i := 0; i < 25; i++ {
		ps = append(ps, Problem{Message: "x"})
	}
	got := capProblems(ps)
	if len(got) != maxProblems+1 || !strings.Contains(got[maxProblems].Message, "5 lỗi khác") {
		t.Errorf("capProblems = %d problems, last %q", len(got), got[len(got)-1].Message)
	}
}
