package consolidate

import (
	"slices"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// Input is one expected unit of the round: its standing and, when its
// figures are to be counted, the content of its current revision.
type Input struct {
	Status  UnitStatus
	Content *submission.Content
}

// Figures are a round's included values, however they were gathered: in
// memory by Build, or by the database from the included revisions (the
// reports service: postgres.ReadRoundState when it consolidates, the
// province figures alone; postgres.RevisionFigures when a report is
// rendered, each unit's).
type Figures struct {
	// Totals are each cell's province figure by the aggregation rule.
	Totals map[submission.Key]submission.Value
	// Derived and UnitDerived are the totals of dimensioned indicators
	// over their cells, province-wide and per unit, by indicator code.
	Derived     map[string]submission.Value
	UnitDerived map[string]map[string]submission.Value
	// Values are each included unit's cell values: key → unit → value.
	Values map[submission.Key]map[string]submission.Value
	// Narratives are unit → section → text.
	Narratives map[string]map[string]string
}

// NewFigures returns empty figures, every map made.
func NewFigures() Figures {
	return Figures{Totals: map[submission.Key]submission.Value{}, Derived: map[string]submission.Value{},
		UnitDerived: map[string]map[string]submission.Value{}, Values: map[submission.Key]map[string]submission.Value{},
		Narratives: map[string]map[string]string{}}
}

// Includes reports whether a unit's figures belong in the snapshot: a
// submission with a revision in one of the IncludedStatuses.
func Includes(st UnitStatus, includeUnreviewed bool) bool {
	return st.Revision > 0 && slices.Contains(IncludedStatuses(includeUnreviewed), st.Status)
}

var (
	reviewed   = []submission.Status{submission.StatusAccepted}
	unreviewed = []submission.Status{submission.StatusAccepted, submission.StatusSubmitted}
)

// IncludedStatuses are the statuses of the submissions whose figures
// belong in the snapshot: accepted ones, and submitted ones too when staff
// chose to include those not yet reviewed. The database sums by them
// (postgres.ReadRoundState); the slice is shared, not to be changed.
func IncludedStatuses(includeUnreviewed bool) []submission.Status {
	if includeUnreviewed {
		return unreviewed
	}
	return reviewed
}

// Build consolidates a round in memory from the inputs' contents (small
// rounds and tests); the reports service feeds Assemble from the database.
func Build(c *catalog.Catalog, versionID int64, round RoundInfo, indicators []string, inputs []Input, includeUnreviewed bool) *Snapshot {
	spec := submission.BuildForm(c, catalog.Form{Code: "ALL", Indicators: indicators})
	f := NewFigures()
	var statuses []UnitStatus
	for _, in := range inputs {
		st := in.Status
		statuses = append(statuses, st)
		if in.Content == nil || !Includes(st, includeUnreviewed) {
			continue
		}
		f.Narratives[st.Unit] = in.Content.Narratives
		for _, is := range spec.Indicators() {
			var unitTotal *submission.Value
			for _, cell := range is.Cells {
				v, ok := in.Content.Values[cell.Key]
				if !ok {
					continue
				}
				if f.Values[cell.Key] == nil {
					f.Values[cell.Key] = map[string]submission.Value{}
				}
				f.Values[cell.Key][st.Unit] = v
				if is.ValueType != catalog.TypeText {
					if sum := add(is.ValueType, lookup(f.Totals, cell.Key), v); sum != nil {
						f.Totals[cell.Key] = *sum
					}
				}
				if !cell.Total {
					unitTotal = add(is.ValueType, unitTotal, v)
				}
			}
			if unitTotal != nil && derives(is.Indicator, len(is.Dims)) {
				if f.UnitDerived[is.Code] == nil {
					f.UnitDerived[is.Code] = map[string]submission.Value{}
				}
				f.UnitDerived[is.Code][st.Unit] = *unitTotal
				var acc *submission.Value
				if d, ok := f.Derived[is.Code]; ok {
					acc = &d
				}
				f.Derived[is.Code] = *add(is.ValueType, acc, *unitTotal)
			}
		}
	}
	s := Assemble(c, versionID, round, indicators, statuses, includeUnreviewed, f)
	s.Attach(f)
	s.SetHash()
	return s
}

func lookup(m map[submission.Key]submission.Value, k submission.Key) *submission.Value {
	v, ok := m[k]
	if !ok {
		return nil
	}
	return &v
}

// derives reports whether an indicator with dims dimensions gets a
// derived total cell.
func derives(ind catalog.Indicator, dims int) bool {
	return dims > 0 && ind.Total != catalog.TotalEntered && ind.ValueType != catalog.TypeText
}

// Assemble lays figures out as the snapshot's head (Layout.Assemble),
// with the layout of c for the indicators built for this one snapshot.
func Assemble(c *catalog.Catalog, versionID int64, round RoundInfo, indicators []string, statuses []UnitStatus, includeUnreviewed bool, f Figures) *Snapshot {
	return NewLayout(c, indicators).Assemble(versionID, round, statuses, includeUnreviewed, f)
}

// Attach lays the included units' values and narratives out in the
// snapshot: each cell's values by unit (a derived total's, each unit's
// total over the indicator's cells), and the narratives by section, then
// by unit in the snapshot's order. The cells keep the figures' per-unit
// maps rather than copies (a national round has hundreds of thousands of
// values): f is not to be changed after. What Attach lays out is what
// every snapshot held before version 3 of the hash (HashHeads), whose
// snapshots store only their head and are attached when read.
func (s *Snapshot) Attach(f Figures) {
	derived := map[string]bool{}
	for _, ind := range s.Indicators {
		derived[ind.Code] = derives(ind.Indicator, len(ind.Dims))
	}
	for i := range s.Cells {
		c := &s.Cells[i]
		if derived[c.Indicator] && c.Key == submission.Key(c.Indicator) {
			c.Units = unitValues(f.UnitDerived[c.Indicator])
		} else {
			c.Units = unitValues(f.Values[c.Key])
		}
	}
	names := make(map[string]string, len(s.Units))
	for _, u := range s.Units {
		names[u.Code] = u.Name
	}
	s.Narratives = []Narrative{}
	for _, ns := range s.Plan.NarrativeSections {
		for _, st := range s.Completeness.Units {
			if !st.Included {
				continue
			}
			if text := f.Narratives[st.Unit][ns.Code]; text != "" {
				name, ok := names[st.Unit]
				if !ok {
					name = st.Unit
				}
				s.Narratives = append(s.Narratives, Narrative{Section: ns.Code, Unit: st.Unit, UnitName: name, Text: text})
			}
		}
	}
}

// unitValues is a cell's values by unit: the figures' own map, which the
// snapshot takes over rather than copies (a national round has hundreds
// of thousands of values), or an empty one.
func unitValues(m map[string]submission.Value) map[string]submission.Value {
	if m == nil {
		return map[string]submission.Value{}
	}
	return m
}

// add accumulates v into acc by the value type's aggregation rule: sums
// for numbers, sums of both parts for rates (never averaging rates), yes
// answers counted for booleans.
func add(valueType string, acc *submission.Value, v submission.Value) *submission.Value {
	f := func(p *float64) float64 {
		if p == nil {
			return 0
		}
		return *p
	}
	ptr := func(x float64) *float64 { return &x }
	switch valueType {
	case catalog.TypeRate:
		if v.Num == nil || v.Den == nil {
			return acc
		}
		if acc == nil {
			acc = &submission.Value{Num: ptr(0), Den: ptr(0)}
		}
		return &submission.Value{Num: ptr(f(acc.Num) + *v.Num), Den: ptr(f(acc.Den) + *v.Den)}
	case catalog.TypeBoolean:
		yes := 0.0
		if v.Bool != nil && *v.Bool {
			yes = 1
		}
		if acc == nil {
			return &submission.Value{Number: ptr(yes)}
		}
		return &submission.Value{Number: ptr(f(acc.Number) + yes)}
	default:
		if v.Number == nil {
			return acc
		}
		if acc == nil {
			return &submission.Value{Number: ptr(*v.Number)}
		}
		return &submission.Value{Number: ptr(f(acc.Number) + *v.Number)}
	}
}
