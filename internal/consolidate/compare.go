package consolidate

import (
	"slices"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// Scope says which units of a round and of its previous round cover the
// same ground: the units of this round that took over (some of) the
// previous round's units, and those units. A unit with no predecessor in
// the previous round (a commune of a province that was not part of the
// plan then), or that also took over ground which did not report then,
// stays outside.
type Scope struct {
	Current  []string
	Previous []string
	Outside  []string
}

// Comparison is the year-on-year view of a snapshot: each indicator's
// province figure on the same ground in the previous round and in this
// one, following the succession links, so a merger neither inflates nor
// hides a change. Old rounds' figures are read from their own snapshot,
// never rewritten.
type Comparison struct {
	// Round, Title and Year name the previous round; Hash the snapshot
	// its figures come from.
	Round string `json:"round"`
	Title string `json:"title"`
	Year  int    `json:"year"`
	Hash  string `json:"hash"`
	// Units and Reported count this round's units on the compared ground
	// and those with figures in this snapshot; PreviousUnits and
	// PreviousReported the same of the previous round.
	Units            int `json:"units"`
	Reported         int `json:"reported"`
	PreviousUnits    int `json:"previous_units"`
	PreviousReported int `json:"previous_reported"`
	// Outside are this round's units whose ground was not all reported
	// then (names).
	Outside []string `json:"outside"`
	Figures []Change `json:"figures"`
}

// Change is one indicator's province figure on the compared ground, then
// and now; either is nil when nobody on that ground reported it.
type Change struct {
	Indicator string            `json:"indicator"`
	Previous  *submission.Value `json:"previous"`
	Current   *submission.Value `json:"current"`
}

// Compare is cur's year-on-year view against prev, the previous round's
// snapshot, over scope. Counts, numbers and amounts are summed, rates
// carried as numerator and denominator; texts and booleans are not
// compared.
func Compare(cur, prev *Snapshot, scope Scope) *Comparison {
	c := &Comparison{Round: prev.Round.Code, Title: prev.Round.Title, Year: yearOf(prev.Round), Hash: prev.Hash,
		Units: len(scope.Current), PreviousUnits: len(scope.Previous), Outside: []string{}, Figures: []Change{}}
	c.Reported = countIncluded(cur, scope.Current)
	c.PreviousReported = countIncluded(prev, scope.Previous)
	names := map[string]string{}
	for _, u := range cur.Units {
		names[u.Code] = u.Name
	}
	for _, code := range scope.Outside {
		name := names[code]
		if name == "" {
			name = code
		}
		c.Outside = append(c.Outside, name)
	}
	for _, ind := range cur.Indicators {
		if ind.ValueType == catalog.TypeText || ind.ValueType == catalog.TypeBoolean {
			continue
		}
		if _, ok := prev.Indicator(ind.Code); !ok {
			continue
		}
		c.Figures = append(c.Figures, Change{Indicator: ind.Code,
			Previous: overall(prev, ind.Code, scope.Previous), Current: overall(cur, ind.Code, scope.Current)})
	}
	return c
}

// yearOf is a round's reporting year (snapshots taken before rounds had
// one: the year its period ends).
func yearOf(r RoundInfo) int {
	if r.Year != 0 {
		return r.Year
	}
	return r.PeriodEnd.Year()
}

// countIncluded counts the units whose figures s holds.
func countIncluded(s *Snapshot, units []string) int {
	n := 0
	for _, st := range s.Completeness.Units {
		if st.Included && slices.Contains(units, st.Unit) {
			n++
		}
	}
	return n
}

// overall sums an indicator's overall cell (its total, or its only cell)
// over units; nil when none of them has it.
func overall(s *Snapshot, code string, units []string) *submission.Value {
	for _, cell := range s.CellsOf(code) {
		if len(cell.Disaggregation) > 0 {
			continue
		}
		var sum *submission.Value
		for _, u := range units {
			v, ok := cell.Units[u]
			if !ok {
				continue
			}
			if sum == nil {
				sum = &submission.Value{}
			}
			*sum = plus(*sum, v)
		}
		return sum
	}
	return nil
}

// plus adds two values of one numeric indicator, part by part.
func plus(a, b submission.Value) submission.Value {
	add := func(x, y *float64) *float64 {
		switch {
		case x == nil:
			return y
		case y == nil:
			return x
		}
		s := *x + *y
		return &s
	}
	return submission.Value{Number: add(a.Number, b.Number), Num: add(a.Num, b.Num), Den: add(a.Den, b.Den)}
}

// Delta is how the indicator moved on the compared ground: for a rate the
// difference in its unit of measure (points), for a sum the relative
// change (0.05 = 5%). ok is false when either side is missing, or a sum
// was zero before.
func (ch Change) Delta(ind IndicatorInfo) (delta float64, points bool, ok bool) {
	if ch.Previous == nil || ch.Current == nil {
		return 0, false, false
	}
	if ind.ValueType == catalog.TypeRate {
		was, ok1 := Rate(ind, ch.Previous)
		now, ok2 := Rate(ind, ch.Current)
		return now - was, true, ok1 && ok2
	}
	if ch.Previous.Number == nil || ch.Current.Number == nil || *ch.Previous.Number == 0 {
		return 0, false, false
	}
	return (*ch.Current.Number - *ch.Previous.Number) / *ch.Previous.Number, false, true
}

// ChangeOf is the comparison's figure for an indicator.
func (c *Comparison) ChangeOf(code string) (Change, bool) {
	if c == nil {
		return Change{}, false
	}
	for _, ch := range c.Figures {
		if ch.Indicator == code {
			return ch, true
		}
	}
	return Change{}, false
}
