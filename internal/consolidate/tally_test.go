package consolidate

import (
	"testing"

	"baocao/internal/submission"
)

func TestTally_SumsByRule(t *testing.T) {
	dec := func(s string) *Decimal {
		d, err := ParseDecimal(s)
		if err != nil {
			t.Fatal(err)
		}
		return &d
	}
	yes, no := true, false
	tally := NewTally([]string{"SO1", "SO2", "SO3"})
	add := func(unit int, key submission.Key, e Entry) { tally.Cell(key).Add(unit, e) }
	// Children by sex: the entered total (TQ01) is not part of the derived one.
	add(0, "TQ01", Entry{Number: dec("100")})
	add(0, "TQ01|SEX=M", Entry{Number: dec("0.1")})
	add(0, "TQ01|SEX=F", Entry{Number: dec("0.2")})
	add(1, "TQ01|SEX=M", Entry{Number: dec("3")})
	// A rate: summed parts, and only where both are entered.
	add(0, "GD01", Entry{Num: dec("990"), Den: dec("1000")})
	add(1, "GD01", Entry{Num: dec("50"), Den: dec("100")})
	add(2, "GD01", Entry{Num: dec("7")})
	// Yes answers counted; a text has no total.
	add(0, "QT01", Entry{Bool: &yes})
	add(1, "QT01", Entry{Bool: &no})
	add(2, "QT01", Entry{Bool: &yes})
	add(0, "QT02", Entry{})

	f := Figures{Totals: map[submission.Key]submission.Value{}, Derived: map[string]submission.Value{},
		UnitDerived: map[string]map[string]submission.Value{}}
	if err := tally.Into(&f); err != nil {
		t.Fatal(err)
	}
	num := func(v submission.Value) float64 {
		if v.Number == nil {
			t.Fatalf("no number in %+v", v)
		}
		return *v.Number
	}
	for key, want := range map[submission.Key]float64{"TQ01": 100, "TQ01|SEX=M": 3.1, "TQ01|SEX=F": 0.2, "QT01": 2} {
		if got := num(f.Totals[key]); got != want {
			t.Errorf("total %s = %v, want %v", key, got, want)
		}
	}
	if rate := f.Totals["GD01"]; rate.Num == nil || *rate.Num != 1040 || *rate.Den != 1100 {
		t.Errorf("rate total = %+v, want 1040/1100", rate)
	}
	if _, ok := f.Totals["QT02"]; ok {
		t.Error("a text got a total")
	}
	// 0.1 + 0.2 + 3 summed exactly: 3.3, not 3.3000000000000003.
	if got := num(f.Derived["TQ01"]); got != 3.3 || len(f.Derived) != 1 {
		t.Errorf("derived TQ01 = %v (%d derived), want 3.3", got, len(f.Derived))
	}
	units := f.UnitDerived["TQ01"]
	if len(units) != 2 || num(units["SO1"]) != 0.3 || num(units["SO2"]) != 3 {
		t.Errorf("derived TQ01 by unit = %+v", units)
	}
}
