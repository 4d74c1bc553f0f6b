package consolidate

import (
	"encoding/json"
	"os"
	"testing"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

func minimal(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(os.DirFS("../catalog/testdata/minimal"), "minimal")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func content(t *testing.T, c *catalog.Catalog, values string, narrative string) *submission.Content {
	t.Helper()
	spec := submission.BuildForm(c, c.Forms[0])
	var vals []struct {
		I string                    `json:"i"`
		D submission.Disaggregation `json:"d"`
		V json.RawMessage           `json:"v"`
	}
	if err := json.Unmarshal([]byte(values), &vals); err != nil {
		t.Fatal(err)
	}
	ch := submission.Change{Narratives: map[string]string{"KQ-II.1": narrative}}
	for _, v := range vals {
		ch.Entries = append(ch.Entries, submission.Entry{Indicator: v.I, Disaggregation: v.D, JSON: v.V})
	}
	out, errs := submission.Apply(spec, submission.NewContent(), ch)
	if len(errs) > 0 {
		t.Fatalf("%+v", errs)
	}
	return &out
}

func TestBuild_AggregatesByRule(t *testing.T) {
	c := minimal(t)
	// A large unit at 99% and a small one at 50%: the province rate is
	// (990+50)/(1000+100) = 94.55%, not the average 74.5%.
	a := content(t, c, `[{"i":"BV01","d":{"SEX":"M"},"v":10},{"i":"BV01","d":{"SEX":"F"},"v":7},
		{"i":"GD01","d":{},"v":{"numerator":990,"denominator":1000}}]`, "Sở Một đã làm.")
	b := content(t, c, `[{"i":"BV01","d":{"SEX":"M"},"v":3},{"i":"GD01","d":{},"v":{"numerator":50,"denominator":100}}]`, "Sở Hai đã làm.")
	inputs := []Input{
		{Status: UnitStatus{Unit: "SO1", Status: "accepted", Revision: 2}, Content: a},
		{Status: UnitStatus{Unit: "SO2", Status: "accepted", Revision: 1}, Content: b},
		{Status: UnitStatus{Unit: "HUYEN1", Status: "draft"}},
	}
	s := Build(c, 1, RoundInfo{Code: "NAM-2024"}, c.Forms[0].Indicators, inputs, false)
	find := func(key string) Cell {
		for _, cell := range s.Cells {
			if string(cell.Key) == key {
				return cell
			}
		}
		t.Fatalf("no cell %s", key)
		return Cell{}
	}
	if got := *find("BV01|SEX=M").Total.Number; got != 13 {
		t.Errorf("BV01 boys = %v, want 13", got)
	}
	if got := *find("BV01").Total.Number; got != 20 {
		t.Errorf("BV01 derived total = %v, want 20", got)
	}
	gd := find("GD01")
	ind, _ := s.Indicator("GD01")
	if r, _ := Rate(ind, gd.Total); r < 94.54 || r > 94.55 {
		t.Errorf("GD01 = %v, want 94.545 (summed parts, not the average of rates)", r)
	}
	if s.Completeness.Expected != 3 || s.Completeness.Submitted != 2 || s.Completeness.Missing != 1 || s.Completeness.Included != 2 {
		t.Errorf("completeness = %+v", s.Completeness)
	}
	if len(s.Narratives) != 2 || s.Narratives[0].UnitName != "Sở Một" {
		t.Errorf("narratives = %+v", s.Narratives)
	}
	again := Build(c, 1, RoundInfo{Code: "NAM-2024"}, c.Forms[0].Indicators, inputs, false)
	if again.Hash != s.Hash {
		t.Fatal("same inputs, different hash")
	}
	x := 4.0
	b.Values["BV01|SEX=M"] = submission.Value{Number: &x}
	if changed := Build(c, 1, RoundInfo{Code: "NAM-2024"}, c.Forms[0].Indicators, inputs, false); changed.Hash == s.Hash {
		t.Fatal("a changed value kept the hash")
	}
}

func TestTotalChanges(t *testing.T) {
	c := minimal(t)
	a := content(t, c, `[{"i":"BV01","d":{"SEX":"M"},"v":10}]`, "x")
	in := []Input{{Status: UnitStatus{Unit: "SO1", Status: "accepted", Revision: 1}, Content: a}}
	before := Build(c, 1, RoundInfo{Code: "R"}, c.Forms[0].Indicators, in, false)
	x := 12.0
	a.Values["BV01|SEX=M"] = submission.Value{Number: &x}
	after := Build(c, 1, RoundInfo{Code: "R"}, c.Forms[0].Indicators, in, false)
	got := TotalChanges(before.Cells, after.Cells)
	// The cell and the indicator's derived total changed.
	if len(got) != 2 || got[0].Key != "BV01" || *got[1].Old.Number != 10 || *got[1].New.Number != 12 {
		t.Fatalf("changes = %+v", got)
	}
	if len(TotalChanges(after.Cells, after.Cells)) != 0 {
		t.Fatal("a snapshot differs from itself")
	}
}
