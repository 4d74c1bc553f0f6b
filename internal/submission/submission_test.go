package submission

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"baocao/internal/catalog"
)

func minimalForm(t *testing.T) (*catalog.Catalog, *FormSpec) {
	t.Helper()
	c, err := catalog.Load(os.DirFS("../catalog/testdata/minimal"), "minimal")
	if err != nil {
		t.Fatal(err)
	}
	return c, BuildForm(c, c.Forms[0])
}

func TestBuildForm_Cells(t *testing.T) {
	_, f := minimalForm(t)
	var keys []string
	for _, c := range f.Cells() {
		keys = append(keys, string(c.Key))
	}
	want := "BV01|SEX=M BV01|SEX=F BV02|SEX=M BV02|SEX=F BV03 BV03|FORM=A BV03|FORM=B GD01"
	if got := strings.Join(keys, " "); got != want {
		t.Fatalf("cells = %s\nwant    %s", got, want)
	}
	if len(f.Narratives) != 2 || f.Sections[0].TaskGroup.Code != "II.2" {
		t.Fatalf("narratives %d, first section %s", len(f.Narratives), f.Sections[0].TaskGroup.Code)
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1234", 1234, true},
		{"1.234", 1234, true},
		{"1.234.567", 1234567, true},
		{"1 234", 1234, true},
		{"12,5", 12.5, true},
		{"1.234,5", 1234.5, true},
		{"12.5", 12.5, true},
		{"1,234.5", 1234.5, true},
		{"-3", -3, true},
		{"abc", 0, false},
		{"", 0, false},
		{"NaN", 0, false},
		{"Inf", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseNumber(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func text(s string) *string { return &s }

func TestApply(t *testing.T) {
	_, f := minimalForm(t)
	tests := []struct {
		name  string
		entry Entry
		want  string // error code, or the stored value as JSON
	}{
		{"count from JSON", Entry{Indicator: "BV01", Disaggregation: Disaggregation{"SEX": "M"}, JSON: json.RawMessage(`12`)}, `12`},
		{"count from text with thousands", Entry{Indicator: "BV01", Disaggregation: Disaggregation{"SEX": "M"}, Text: text("1.200")}, `1200`},
		{"fraction in a count", Entry{Indicator: "BV01", Disaggregation: Disaggregation{"SEX": "M"}, JSON: json.RawMessage(`1.5`)}, ErrFraction},
		{"negative count", Entry{Indicator: "BV01", Disaggregation: Disaggregation{"SEX": "M"}, Text: text("-1")}, ErrNegative},
		{"string for a count", Entry{Indicator: "BV01", Disaggregation: Disaggregation{"SEX": "M"}, JSON: json.RawMessage(`"12"`)}, ErrWrongType},
		{"missing dimension", Entry{Indicator: "BV01", Disaggregation: Disaggregation{}, JSON: json.RawMessage(`1`)}, ErrMissingDimension},
		{"entered total", Entry{Indicator: "BV03", Disaggregation: Disaggregation{}, JSON: json.RawMessage(`4`)}, `4`},
		{"unknown option", Entry{Indicator: "BV03", Disaggregation: Disaggregation{"FORM": "Z"}, JSON: json.RawMessage(`4`)}, ErrUnknownOption},
		{"unknown dimension", Entry{Indicator: "BV03", Disaggregation: Disaggregation{"SEX": "M"}, JSON: json.RawMessage(`4`)}, ErrUnknownDimension},
		{"rate", Entry{Indicator: "GD01", JSON: json.RawMessage(`{"numerator": 9, "denominator": 10}`)}, `{"denominator":10,"numerator":9}`},
		{"rate as a percentage", Entry{Indicator: "GD01", JSON: json.RawMessage(`90`)}, ErrWrongType},
		{"rate with an unknown member", Entry{Indicator: "GD01", JSON: json.RawMessage(`{"numerator": 9, "of": 10}`)}, ErrWrongType},
		{"rate with one part", Entry{Indicator: "GD01", JSON: json.RawMessage(` {"numerator": null, "denominator": 10} `)}, `{"denominator":10,"numerator":null}`},
		{"fraction in a rate part", Entry{Indicator: "GD01", JSON: json.RawMessage(`{"numerator": 1.5}`)}, ErrFraction},
		{"number beyond float64", Entry{Indicator: "BV01", Disaggregation: Disaggregation{"SEX": "M"}, JSON: json.RawMessage(`1e400`)}, ErrWrongType},
		{"two numbers", Entry{Indicator: "BV01", Disaggregation: Disaggregation{"SEX": "M"}, JSON: json.RawMessage(`1 2`)}, ErrWrongType},
		{"rate part from text", Entry{Indicator: "GD01", Part: PartDenominator, Text: text("10")}, `{"denominator":10,"numerator":null}`},
		{"not on the form", Entry{Indicator: "ZZ01", JSON: json.RawMessage(`1`)}, ErrUnknownIndicator},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, errs := Apply(f, NewContent(), Change{Entries: []Entry{tt.entry}})
			if len(errs) > 0 {
				if errs[0].Code != tt.want {
					t.Fatalf("error %s (%s), want %s", errs[0].Code, errs[0].Message, tt.want)
				}
				return
			}
			key := CellKey(tt.entry.Indicator, f.indicators[tt.entry.Indicator].Indicator.Dimensions, tt.entry.Disaggregation)
			got, _ := json.Marshal(c.Values[key].JSON())
			if string(got) != tt.want {
				t.Fatalf("stored %s, want %s", got, tt.want)
			}
		})
	}
}

// A refused value says what the indicator takes and, when it was typed,
// what was typed.
func TestApply_RefusalMessages(t *testing.T) {
	_, f := minimalForm(t)
	for _, c := range []struct {
		entry Entry
		want  string
	}{
		{Entry{Indicator: "BV01", Disaggregation: Disaggregation{"SEX": "M"}, Text: text(" năm ")}, "cần một số nguyên không âm, đã nhận 'năm'"},
		{Entry{Indicator: "BV01", Disaggregation: Disaggregation{"SEX": "M"}, Text: text("-3")}, "giá trị không được âm, đã nhận '-3'"},
		{Entry{Indicator: "BV01", Disaggregation: Disaggregation{"SEX": "M"}, Text: text("2,5")}, "chỉ tiêu đếm phải là số nguyên, đã nhận '2,5'"},
		{Entry{Indicator: "GD01", Part: PartNumerator, Text: text("chín")}, "cần một số nguyên không âm, đã nhận 'chín'"},
		{Entry{Indicator: "BV01", Disaggregation: Disaggregation{"SEX": "M"}, Text: text(strings.Repeat("x", 60))},
			"cần một số nguyên không âm, đã nhận '" + strings.Repeat("x", 39) + "…'"},
		// The API's values are named by where they were sent, not repeated.
		{Entry{Indicator: "BV01", Disaggregation: Disaggregation{"SEX": "M"}, JSON: json.RawMessage(`"12"`)}, "cần một số nguyên không âm"},
		{Entry{Indicator: "GD01", JSON: json.RawMessage(`90`)}, "cần tử số và mẫu số"},
	} {
		_, errs := Apply(f, NewContent(), Change{Entries: []Entry{c.entry}})
		if len(errs) != 1 || errs[0].Message != c.want {
			t.Errorf("%+v: %+v, want the message %q", c.entry, errs, c.want)
		}
	}
}

func fill(t *testing.T, f *FormSpec, body string) Content {
	t.Helper()
	var vals []struct {
		I string          `json:"i"`
		D Disaggregation  `json:"d"`
		V json.RawMessage `json:"v"`
	}
	if err := json.Unmarshal([]byte(body), &vals); err != nil {
		t.Fatal(err)
	}
	ch := Change{Narratives: map[string]string{"KQ-II.1": "x", "KIEN-NGHI": "y"}}
	for _, v := range vals {
		ch.Entries = append(ch.Entries, Entry{Indicator: v.I, Disaggregation: v.D, JSON: v.V})
	}
	c, errs := Apply(f, NewContent(), ch)
	if len(errs) > 0 {
		t.Fatalf("Apply: %+v", errs)
	}
	return c
}

const valid = `[
 {"i":"BV01","d":{"SEX":"M"},"v":10},{"i":"BV01","d":{"SEX":"F"},"v":10},
 {"i":"BV02","d":{"SEX":"M"},"v":5},{"i":"BV02","d":{"SEX":"F"},"v":5},
 {"i":"BV03","d":{},"v":6},{"i":"BV03","d":{"FORM":"A"},"v":4},{"i":"BV03","d":{"FORM":"B"},"v":3},
 {"i":"GD01","d":{},"v":{"numerator":95,"denominator":100}}]`

func codes(issues []Issue) string {
	var out []string
	for _, i := range issues {
		out = append(out, i.Indicator+":"+i.Code+":"+i.Severity)
	}
	return strings.Join(out, " ")
}

func TestValidate(t *testing.T) {
	c, f := minimalForm(t)
	tests := []struct {
		name string
		edit func(string) string
		want string
	}{
		{"valid", func(s string) string { return s }, ""},
		{"part above whole breaks R01", func(s string) string {
			return strings.Replace(s, `"BV02","d":{"SEX":"M"},"v":5`, `"BV02","d":{"SEX":"M"},"v":50`, 1)
		}, "BV02:rule:error"},
		{"non-partition option above entered total", func(s string) string {
			return strings.Replace(s, `"FORM":"A"},"v":4`, `"FORM":"A"},"v":7`, 1)
		}, "BV03:part_exceeds_total:error"},
		{"numerator above denominator", func(s string) string {
			return strings.Replace(s, `"numerator":95`, `"numerator":105`, 1)
		}, "GD01:numerator_exceeds_denominator:error"},
		{"above the catalog bound", func(s string) string {
			return strings.Replace(s, `"BV01","d":{"SEX":"M"},"v":10`, `"BV01","d":{"SEX":"M"},"v":10001`, 1)
		}, "BV01:above_max:error"},
		{"missing cell", func(s string) string {
			return strings.Replace(s, `{"i":"BV02","d":{"SEX":"F"},"v":5},`, ``, 1)
		}, "BV02:missing:error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := fill(t, f, tt.edit(valid))
			if got := codes(Validate(f, c.Rules, content, nil)); got != tt.want {
				t.Fatalf("issues = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestValidate_ChangeFromPreviousNeedsExplanation(t *testing.T) {
	c, f := minimalForm(t)
	prev := fill(t, f, valid)
	now := fill(t, f, strings.Replace(strings.Replace(valid, `"SEX":"M"},"v":10`, `"SEX":"M"},"v":30`, 1), `"SEX":"F"},"v":10`, `"SEX":"F"},"v":30`, 1))
	issues := Validate(f, c.Rules, now, Own(f, prev))
	if got := codes(issues); got != "BV01:change_from_previous:warning" || !Blocking(issues) {
		t.Fatalf("issues = %q, blocking %v; want an unexplained change warning", got, Blocking(issues))
	}
	now.Explanations["BV01"] = "Rà soát lại danh sách theo phần mềm quản lý thông tin trẻ em."
	issues = Validate(f, c.Rules, now, Own(f, prev))
	if Blocking(issues) || !issues[0].Explained {
		t.Fatalf("explained warning still blocks: %+v", issues)
	}
}

// A unit formed from parts of others is compared with their figures times
// the shares it took; where a predecessor was split without shares the
// unit is not compared on its own, and the finding says so without
// blocking.
func TestValidate_ChangeFromPredecessors(t *testing.T) {
	c, f := minimalForm(t)
	prev := Amounts(f, fill(t, f, valid)) // BV01 = 20; GD01 = 95/100
	now := fill(t, f, valid)
	tests := []struct {
		name  string
		basis *Basis
		want  string
	}{
		// 20 now against 0.6×20 + 0.4×30 = 24: a 17% change, within BV01's 50%.
		{"60% of a district that had 20 children and 40% of one that had 30",
			&Basis{Amounts: map[string]Amount{"BV01": prev["BV01"].Scaled(0.6).Plus(Amount{Sum: 30}.Scaled(0.4))}, From: "Huyện Một × 0,6; Huyện Hai × 0,4"},
			""},
		{"half of a district that had 20: 10, now 20", &Basis{Amounts: map[string]Amount{"BV01": prev["BV01"].Scaled(0.5)}, From: "Huyện Một × 0,5"},
			"BV01:change_from_previous:warning"},
		{"the whole of a district that had 20", &Basis{Amounts: map[string]Amount{"BV01": prev["BV01"]}, From: "Huyện Một"}, ""},
		{"a rate keeps its value whatever the share", &Basis{Amounts: map[string]Amount{"GD01": prev["GD01"].Scaled(0.3)}}, ""},
		{"split without shares", &Basis{Split: "Huyện Hai"}, ":no_comparison:info"},
		{"ground that never reported", &Basis{AlsoCovers: "địa bàn tỉnh Khác (cũ)"}, ":no_comparison:info"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			issues := Validate(f, c.Rules, now, tt.basis)
			if got := codes(issues); got != tt.want {
				t.Fatalf("issues = %q, want %q", got, tt.want)
			}
			if Blocking(issues) != (tt.want == "BV01:change_from_previous:warning") {
				t.Errorf("blocking = %v", Blocking(issues))
			}
			for _, i := range issues {
				if tt.basis.From != "" && i.Code == IssueChange && !strings.Contains(i.Message, tt.basis.From) {
					t.Errorf("message %q does not name %q", i.Message, tt.basis.From)
				}
				if i.Code == IssueNoComparison && !strings.Contains(i.Message, tt.basis.Split+tt.basis.AlsoCovers) {
					t.Errorf("message %q does not name the split district or the ground", i.Message)
				}
			}
		})
	}
}

func TestDiff(t *testing.T) {
	_, f := minimalForm(t)
	a := fill(t, f, valid)
	b := a.Clone()
	x := 11.0
	b.Values["BV01|SEX=M"] = Value{Number: &x}
	delete(b.Values, "GD01")
	b.Narratives["KIEN-NGHI"] = "z"
	got, _ := json.Marshal(Diff(a, b))
	want := `[{"kind":"value","key":"BV01|SEX=M","old":10,"new":11},{"kind":"value","key":"GD01","old":{"denominator":100,"numerator":95},"new":null},{"kind":"narrative","key":"KIEN-NGHI","old":"y","new":"z"}]`
	if string(got) != want {
		t.Fatalf("diff = %s\nwant   %s", got, want)
	}
}

// BasisFrom sums the sources of a lineage times their shares; a source
// that did not report leaves no basis, a split is passed on by name.
func TestBasisFrom(t *testing.T) {
	names := func(code string) string {
		return map[string]string{"H1": "Huyện 1", "H2": "Huyện 2", "X1": "Xã 1"}[code]
	}
	amounts := map[string]map[string]Amount{
		"H1": {"BV01": {Sum: 100}, "GD01": {Rate: true, Num: 90, Den: 100}},
		"H2": {"BV01": {Sum: 50}},
	}
	of := func(code string) (map[string]Amount, bool, error) {
		a, ok := amounts[code]
		return a, ok, nil
	}
	b, ok, err := BasisFrom("X1", catalog.Lineage{Sources: []catalog.Source{{Unit: "H1", Share: 0.6}, {Unit: "H2", Share: 0.2}}}, of, names)
	if err != nil || !ok || b.Amounts["BV01"].Sum != 70 || b.From != "Huyện 1 × 0,6; Huyện 2 × 0,2" {
		t.Errorf("two sources: %+v %v %v", b, ok, err)
	}
	if _, has := b.Amounts["GD01"]; has {
		t.Error("GD01, reported by one source only, is compared with part of the ground")
	}
	if b, _, _ := BasisFrom("X1", catalog.Lineage{Sources: []catalog.Source{{Unit: "X1", Share: 1}}}, func(string) (map[string]Amount, bool, error) {
		return amounts["H1"], true, nil
	}, names); b.From != "" {
		t.Errorf("its own figures are named %q", b.From)
	}
	if _, ok, _ := BasisFrom("X1", catalog.Lineage{Sources: []catalog.Source{{Unit: "H3", Share: 1}}}, of, names); ok {
		t.Error("a source that did not report gave a basis")
	}
	if b, ok, _ := BasisFrom("X2", catalog.Lineage{Split: "H2"}, of, names); !ok || b.Split != "Huyện 2" {
		t.Errorf("split: %+v", b)
	}
	l := catalog.Lineage{AlsoCovers: "địa bàn tỉnh Khác (cũ)", Reached: []string{"H1"}}
	if b, ok, _ := BasisFrom("S", l, of, names); !ok || b.AlsoCovers != l.AlsoCovers || b.Amounts != nil {
		t.Errorf("also covers: %+v", b)
	}
}
