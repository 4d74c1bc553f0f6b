package consolidate

import (
	"reflect"
	"testing"

	"baocao/internal/submission"
	catalogs "baocao/templates/catalog"
)

// A layout built once and shared by consolidations gives each the
// snapshot a layout of its own would, and what one consolidation does to
// its snapshot reaches neither the layout nor the others.
func TestLayout_SharedGivesWhatAFreshOneGives(t *testing.T) {
	c, err := catalogs.LoadSeed()
	if err != nil {
		t.Fatal(err)
	}
	demo := demoSnapshot(t)
	var indicators []string
	for _, ind := range demo.Indicators {
		indicators = append(indicators, ind.Code)
	}
	f := NewFigures()
	for _, cell := range demo.Cells {
		if cell.Total != nil {
			f.Totals[cell.Key] = *cell.Total
			f.Derived[cell.Indicator] = *cell.Total // the derived cell's is read by indicator
		}
	}
	statuses := demo.Completeness.Units
	fresh := func(f Figures) *Snapshot {
		s := Assemble(c, 1, demo.Round, indicators, statuses, false, f)
		s.SetHash()
		return s
	}
	want, wantEmpty := fresh(f), fresh(NewFigures())
	if want.Hash == wantEmpty.Hash || len(want.Cells) < 300 || want.Completeness.Included == 0 {
		t.Fatalf("the fixture gives %d cells, %d units included", len(want.Cells), want.Completeness.Included)
	}

	shared := NewLayout(c, indicators)
	first := shared.Assemble(1, demo.Round, statuses, false, f)
	first.SetHash()
	if !reflect.DeepEqual(first, want) {
		t.Fatal("the shared layout's snapshot differs from a fresh one's")
	}
	second := shared.Assemble(1, demo.Round, statuses, false, NewFigures())
	second.SetHash()
	if !reflect.DeepEqual(second, wantEmpty) {
		t.Fatal("the shared layout's second snapshot differs from a fresh one's")
	}
	// A report attaches the units' figures and may change the cells and
	// indicators it holds.
	n := 1.0
	second.Cells[0].Total = &submission.Value{Number: &n}
	second.Cells[0].Units = map[string]submission.Value{"X": {Number: &n}}
	second.Indicators[0].Dims = nil
	second.Completeness.Units[0].Name = "changed"
	again := shared.Assemble(1, demo.Round, statuses, false, f)
	again.SetHash()
	if !reflect.DeepEqual(first, want) || !reflect.DeepEqual(again, want) {
		t.Fatal("changing one snapshot changed another or the layout")
	}
}
