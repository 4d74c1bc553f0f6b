package catalog

import (
	"slices"
	"time"
)

// Expected is a unit a round expects a submission from, and its form.
type Expected struct {
	Unit Unit
	Form Form
}

// Ended is a unit that was in force during a round's period but no
// longer is on its due day, and the units that took over from it.
type Ended struct {
	Unit       Unit
	Successors []Link
}

// Reporters decides who a round of kind expects: every unit in force on
// the round's due day that a form of that kind in force that day names.
// Each reports for the whole period of its territory, so after a merger
// the new unit reports the year. Units in force on some day from start
// but gone by the due day are returned as ended, with their successors.
// Dates are calendar days.
func (c *Catalog) Reporters(kind string, start, due time.Time) (expected []Expected, ended []Ended) {
	onDue := c.formsFor(kind, func(f *Form) bool { return f.AppliesOn(due) })
	during := c.formsFor(kind, func(f *Form) bool { return f.AppliesDuring(start, due) })
	for _, u := range c.Units {
		if u.Kind == KindProvince {
			continue
		}
		if u.ValidOn(due) {
			if i, ok := onDue.of(u); ok {
				expected = append(expected, Expected{Unit: u, Form: c.Forms[i]})
			}
			continue
		}
		if _, ok := during.of(u); ok && u.ValidDuring(start, due) {
			ended = append(ended, Ended{Unit: u, Successors: u.SuccessorLinks()})
		}
	}
	return expected, ended
}

// FormFor is the form unit reports on in a round of kind due on day.
func (c *Catalog) FormFor(u Unit, kind string, day time.Time) (Form, bool) {
	if i, ok := c.formsFor(kind, func(f *Form) bool { return f.AppliesOn(day) }).of(u); ok {
		return c.Forms[i], true
	}
	return Form{}, false
}

// formIndex finds the first of some forms that names a unit, by code or by
// kind: a national catalog names thousands of units on one form.
type formIndex struct {
	byCode, byKind map[string]int
}

// formsFor indexes the forms of round kind that keep says apply.
func (c *Catalog) formsFor(kind string, keep func(*Form) bool) formIndex {
	ix := formIndex{byCode: map[string]int{}, byKind: map[string]int{}}
	for i := range c.Forms {
		f := &c.Forms[i]
		if !slices.Contains(f.RoundKinds, kind) || !keep(f) {
			continue
		}
		for _, code := range f.Units {
			if _, seen := ix.byCode[code]; !seen {
				ix.byCode[code] = i
			}
		}
		for _, k := range f.UnitKinds {
			if _, seen := ix.byKind[k]; !seen {
				ix.byKind[k] = i
			}
		}
	}
	return ix
}

// of is the index of the first form naming u.
func (ix formIndex) of(u Unit) (int, bool) {
	i, byCode := ix.byCode[u.Code]
	j, byKind := ix.byKind[u.Kind]
	switch {
	case byCode && byKind:
		return min(i, j), true
	case byCode:
		return i, true
	case byKind:
		return j, true
	}
	return 0, false
}

// UnitsByCode indexes the units by code (the first of a code, as Unit
// finds it), for looking many up: a national catalog has thousands, and a
// loop over them calling Unit is quadratic.
func (c *Catalog) UnitsByCode() map[string]Unit {
	out := make(map[string]Unit, len(c.Units))
	for _, u := range c.Units {
		if _, dup := out[u.Code]; !dup {
			out[u.Code] = u
		}
	}
	return out
}

// Unit returns the unit with code; see UnitsByCode for many.
func (c *Catalog) Unit(code string) (Unit, bool) {
	for _, u := range c.Units {
		if u.Code == code {
			return u, true
		}
	}
	return Unit{}, false
}

// Indicator returns the indicator with code.
func (c *Catalog) Indicator(code string) (Indicator, bool) {
	for _, ind := range c.Indicators {
		if ind.Code == code {
			return ind, true
		}
	}
	return Indicator{}, false
}

// Dimension returns the dimension with code.
func (c *Catalog) Dimension(code string) (Dimension, bool) {
	for _, d := range c.Dimensions {
		if d.Code == code {
			return d, true
		}
	}
	return Dimension{}, false
}

// Summary counts what the catalog holds, for `baocao catalog check`.
type Summary struct {
	Units, Reporting, Indicators, Dimensions, Rules, Forms, TaskGroups, Narratives int
}

// Summarize counts the catalog's items.
func (c *Catalog) Summarize() Summary {
	s := Summary{
		Units: len(c.Units), Indicators: len(c.Indicators), Dimensions: len(c.Dimensions),
		Rules: len(c.Rules), Forms: len(c.Forms), TaskGroups: len(c.Plan.TaskGroups),
		Narratives: len(c.Plan.NarrativeSections),
	}
	for _, u := range c.Units {
		if u.Kind != KindProvince {
			s.Reporting++
		}
	}
	return s
}
