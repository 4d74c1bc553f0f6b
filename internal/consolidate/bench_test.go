package consolidate

import (
	"fmt"
	"testing"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/submission"
	catalogs "baocao/templates/catalog"
)

// In production the database sums the current values (the values table,
// postgres.RoundFigures) and Assemble lays them out (the reports service); Build is the in-memory path of small rounds and tests. These
// benchmarks time Build and Assemble, and the one rule that every sum of
// Build applies, add.

// demoRound is the seed catalog with the demo round's accepted contents,
// read back from the demo snapshot.
type demoRound struct {
	cat    *catalog.Catalog
	snap   *Snapshot
	inputs []Input
}

func loadDemoRound(b *testing.B) demoRound {
	b.Helper()
	c, err := catalogs.LoadSeed()
	if err != nil {
		b.Fatal(err)
	}
	s := demoSnapshot(b)
	all := map[submission.Key]bool{}
	var codes []string
	for _, ind := range s.Indicators {
		codes = append(codes, ind.Code)
	}
	for _, cell := range submission.BuildForm(c, catalog.Form{Indicators: codes}).Cells() {
		all[cell.Key] = true
	}
	contents := map[string]*submission.Content{}
	for _, cell := range s.Cells {
		if !all[cell.Key] {
			continue // a derived total
		}
		for unit, v := range cell.Units {
			if contents[unit] == nil {
				c := submission.NewContent()
				contents[unit] = &c
			}
			contents[unit].Values[cell.Key] = v
		}
	}
	var inputs []Input
	for _, u := range s.Units {
		if content := contents[u.Code]; content != nil {
			inputs = append(inputs, Input{Status: UnitStatus{Unit: u.Code, Status: "accepted", Revision: 1}, Content: content})
		}
	}
	if len(inputs) < 20 {
		b.Fatalf("demo snapshot gives %d units with figures", len(inputs))
	}
	return demoRound{cat: c, snap: &s, inputs: inputs}
}

// manyUnits repeats the demo units' contents under new codes up to n units.
func (d demoRound) manyUnits(n int) []Input {
	out := make([]Input, n)
	for i := range out {
		in := d.inputs[i%len(d.inputs)]
		in.Status.Unit = fmt.Sprintf("U%04d", i)
		out[i] = in
	}
	return out
}

// BenchmarkBuild_oneIndicator consolidates one indicator across the units
// of a round: TQ01 (children by sex and age, 6 cells and a derived total,
// counts) and TQ03 (a rate, numerator and denominator summed).
func BenchmarkBuild_oneIndicator(b *testing.B) {
	d := loadDemoRound(b)
	round := RoundInfo{Code: "NAM-2025", Kind: catalog.RoundAnnual, DueAt: time.Date(2025, 11, 9, 17, 0, 0, 0, time.UTC)}
	for _, ind := range []string{"TQ01", "TQ03"} {
		for _, n := range []int{len(d.inputs), 1000} {
			inputs := d.manyUnits(n)
			b.Run(fmt.Sprintf("%s/units=%d", ind, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					Build(d.cat, 1, round, []string{ind}, inputs, false)
				}
			})
		}
	}
}

// BenchmarkAdd is the aggregation rule alone: one cell's values of 1000
// units folded into the province figure.
func BenchmarkAdd(b *testing.B) {
	values := map[string][]submission.Value{}
	for i := range 1000 {
		n, num, den := float64(i%500), float64(i%90), float64(100+i%7)
		values[catalog.TypeCount] = append(values[catalog.TypeCount], submission.Value{Number: &n})
		values[catalog.TypeRate] = append(values[catalog.TypeRate], submission.Value{Num: &num, Den: &den})
	}
	for _, typ := range []string{catalog.TypeCount, catalog.TypeRate} {
		b.Run(typ, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var acc *submission.Value
				for _, v := range values[typ] {
					acc = add(typ, acc, v)
				}
			}
		})
	}
}

// BenchmarkAssemble is the Go part of the production path: the demo
// round's figures (as RoundFigures returns them) laid out as a snapshot
// and hashed.
func BenchmarkAssemble(b *testing.B) {
	d := loadDemoRound(b)
	s := d.snap
	f := Figures{Totals: map[submission.Key]submission.Value{}, Derived: map[string]submission.Value{},
		UnitDerived: map[string]map[string]submission.Value{}, Values: map[submission.Key]map[string]submission.Value{},
		Narratives: map[string]map[string]string{}}
	var codes []string
	for _, ind := range s.Indicators {
		codes = append(codes, ind.Code)
	}
	for _, cell := range s.Cells {
		f.Values[cell.Key] = cell.Units
		if cell.Total != nil {
			f.Totals[cell.Key] = *cell.Total
		}
	}
	for _, n := range s.Narratives {
		if f.Narratives[n.Unit] == nil {
			f.Narratives[n.Unit] = map[string]string{}
		}
		f.Narratives[n.Unit][n.Section] = n.Text
	}
	statuses := make([]UnitStatus, len(d.inputs))
	for i, in := range d.inputs {
		statuses[i] = in.Status
	}
	b.ReportAllocs()
	for b.Loop() {
		Assemble(d.cat, 1, s.Round, codes, statuses, false, f)
	}
}
