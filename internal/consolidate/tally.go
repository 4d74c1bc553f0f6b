package consolidate

import (
	"fmt"
	"strings"

	"baocao/internal/submission"
)

// Entry is one unit's value of one cell as stored: its numbers in
// decimal, nil where not entered.
type Entry struct {
	Number, Num, Den *Decimal
	Bool             *bool
}

// Tally totals a round's included values by the aggregation rules while
// they are read, exactly, in one pass: every cell over the units, and for
// each dimensioned indicator ("IND|DIM=OPT" keys) the sum of its cells
// province-wide and per unit. Counts and amounts are summed, rates by both
// parts where both are entered (never averaged), yes answers counted. An
// indicator's own cell ("IND", the entered total) is not part of its
// derived total.
//
// Units are numbered by their place in the list NewTally is given.
type Tally struct {
	units      []string
	cells      map[submission.Key]*CellTally
	indicators map[string]*indicatorTally
}

// CellTally is a cell's sums and, for a dimensioned cell, its
// indicator's: a reader holding it adds each value without a lookup.
type CellTally struct {
	sums      group
	indicator *indicatorTally // nil for an indicator's own cell
}

// indicatorTally is a dimensioned indicator's derived total, province-wide
// and per unit (by unit number: a national round has thousands, each
// added to a hundred times).
type indicatorTally struct {
	sums  group
	units []group
}

// group is the running sums of one cell or indicator.
type group struct {
	number, num, den  Decimal
	hasNumber, isRate bool
	bools, yes        int
}

func (g *group) add(e Entry) {
	if e.Number != nil {
		g.number, g.hasNumber = g.number.Add(*e.Number), true
	}
	if e.Num != nil && e.Den != nil {
		g.num, g.den, g.isRate = g.num.Add(*e.Num), g.den.Add(*e.Den), true
	}
	if e.Bool != nil {
		g.bools++
		if *e.Bool {
			g.yes++
		}
	}
}

// figure is the group's total: the sum of the numbers, of both parts of a
// rate, or the number of yes answers; false when it has none (texts).
func (g *group) figure() (submission.Value, bool, error) {
	var err error
	float := func(d Decimal) *float64 {
		f, e := d.Float()
		if e != nil && err == nil {
			err = e
		}
		return &f
	}
	switch {
	case g.hasNumber:
		return submission.Value{Number: float(g.number)}, true, err
	case g.isRate:
		return submission.Value{Num: float(g.num), Den: float(g.den)}, true, err
	case g.bools > 0:
		n := float64(g.yes)
		return submission.Value{Number: &n}, true, nil
	}
	return submission.Value{}, false, nil
}

// NewTally returns an empty tally of the units' values.
func NewTally(units []string) *Tally {
	return &Tally{units: units, cells: map[submission.Key]*CellTally{}, indicators: map[string]*indicatorTally{}}
}

// Cell returns the tally of the cell with key.
func (t *Tally) Cell(key submission.Key) *CellTally {
	c := t.cells[key]
	if c == nil {
		c = &CellTally{}
		if code, _, dimensioned := strings.Cut(string(key), "|"); dimensioned {
			if c.indicator = t.indicators[code]; c.indicator == nil {
				c.indicator = &indicatorTally{units: make([]group, len(t.units))}
				t.indicators[code] = c.indicator
			}
		}
		t.cells[key] = c
	}
	return c
}

// Add counts the value of the unit numbered unit.
func (c *CellTally) Add(unit int, e Entry) {
	if e.Number == nil && e.Num == nil && e.Bool == nil {
		return // a text, or nothing to count
	}
	c.sums.add(e)
	if ind := c.indicator; ind != nil {
		ind.sums.add(e)
		ind.units[unit].add(e)
	}
}

// Into puts the totals into f's Totals, Derived and UnitDerived.
func (t *Tally) Into(f *Figures) error {
	for k, c := range t.cells {
		if err := put(&c.sums, func(v submission.Value) { f.Totals[k] = v }); err != nil {
			return fmt.Errorf("total of %s: %w", k, err)
		}
	}
	for code, ind := range t.indicators {
		if err := put(&ind.sums, func(v submission.Value) { f.Derived[code] = v }); err != nil {
			return fmt.Errorf("total of %s: %w", code, err)
		}
		byUnit := map[string]submission.Value{}
		for i := range ind.units {
			if err := put(&ind.units[i], func(v submission.Value) { byUnit[t.units[i]] = v }); err != nil {
				return fmt.Errorf("total of %s of %s: %w", code, t.units[i], err)
			}
		}
		if len(byUnit) > 0 {
			f.UnitDerived[code] = byUnit
		}
	}
	return nil
}

// put hands the group's figure to set, if it has one.
func put(g *group, set func(submission.Value)) error {
	v, ok, err := g.figure()
	if ok && err == nil {
		set(v)
	}
	return err
}
