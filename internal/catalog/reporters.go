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

// Ended is a unit that would report but no longer exists during the
// round's period, and the unit that took over its duties, if any.
type Ended struct {
	Unit      Unit
	Successor string
}

// Reporters decides who a round of kind for the period start..end expects:
// every unit valid on some day of the period that a form of that kind
// names. Units whose validity ended before the period are not expected;
// they are returned as ended, with their successor. Dates are calendar days.
func (c *Catalog) Reporters(kind string, start, end time.Time) (expected []Expected, ended []Ended) {
	for _, u := range c.Units {
		if u.Kind == KindProvince {
			continue
		}
		form, ok := c.FormFor(u, kind, start, end)
		if !ok {
			continue
		}
		if u.ValidDuring(start, end) {
			expected = append(expected, Expected{Unit: u, Form: form})
			continue
		}
		if to, ok := parseDate(u.ValidTo); ok && to.Before(truncateDay(start)) {
			ended = append(ended, Ended{Unit: u, Successor: u.Successor})
		}
	}
	return expected, ended
}

// FormFor is the form unit reports on in a round of kind for the period.
func (c *Catalog) FormFor(u Unit, kind string, start, end time.Time) (Form, bool) {
	for _, f := range c.Forms {
		if !slices.Contains(f.RoundKinds, kind) || !f.AppliesDuring(start, end) {
			continue
		}
		if slices.Contains(f.Units, u.Code) || slices.Contains(f.UnitKinds, u.Kind) {
			return f, true
		}
	}
	return Form{}, false
}

// Unit returns the unit with code.
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
