package consolidate

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// Input is one expected unit of the round: its standing and, when its
// figures are to be counted, the content of its current revision.
type Input struct {
	Status  UnitStatus
	Content *submission.Content
}

// Build consolidates a round. indicators are the codes the round's forms
// ask (in catalog order); inputs are every expected unit.
func Build(c *catalog.Catalog, versionID int64, round RoundInfo, indicators []string, inputs []Input, includeUnreviewed bool) *Snapshot {
	s := &Snapshot{Round: round, CatalogVersion: versionID, Report: c.Report, IncludesUnreviewed: includeUnreviewed,
		Plan: PlanInfo{Code: c.Plan.Code, Title: c.Plan.Title, Issuer: c.Plan.Issuer, Consolidator: c.Plan.Consolidator,
			TaskGroups: c.Plan.TaskGroups, NarrativeSections: c.Plan.NarrativeSections},
		Cells: []Cell{}, Narratives: []Narrative{}, Provenance: []Provenance{}}
	spec := submission.BuildForm(c, catalog.Form{Code: "ALL", Indicators: indicators})
	for _, is := range spec.Indicators() {
		s.Indicators = append(s.Indicators, IndicatorInfo{Indicator: is.Indicator, Dims: is.Dims})
	}
	comp := &s.Completeness
	comp.Units = []UnitStatus{}
	var included []Input
	for _, in := range inputs {
		st := in.Status
		if u, ok := c.Unit(st.Unit); ok {
			s.Units = append(s.Units, UnitInfo{Code: u.Code, Name: u.Name, Short: u.Short, Kind: u.Kind})
			st.Name = u.Name
		}
		comp.Expected++
		switch st.Status {
		case "submitted", "accepted":
			comp.Submitted++
			if st.OnTime != nil && *st.OnTime {
				comp.OnTime++
			} else {
				comp.Late++
			}
			if st.Status == "accepted" {
				comp.Accepted++
			}
		default:
			comp.Missing++
		}
		st.Reviewed = st.Status == "accepted"
		st.Included = in.Content != nil && (st.Reviewed || (includeUnreviewed && st.Status == "submitted"))
		if st.Included {
			comp.Included++
			included = append(included, Input{Status: st, Content: in.Content})
			s.Provenance = append(s.Provenance, Provenance{Unit: st.Unit, Revision: st.Revision})
		}
		comp.Units = append(comp.Units, st)
	}
	for _, is := range spec.Indicators() {
		s.Cells = append(s.Cells, indicatorCells(is, included)...)
	}
	for _, ns := range c.Plan.NarrativeSections {
		for _, in := range included {
			if text := in.Content.Narratives[ns.Code]; text != "" {
				s.Narratives = append(s.Narratives, Narrative{Section: ns.Code, Unit: in.Status.Unit, UnitName: in.Status.Name, Text: text})
			}
		}
	}
	s.Hash = s.contentHash()
	return s
}

// indicatorCells aggregates one indicator: a derived total over its cells
// first (for an indicator with dimensions whose total is not entered),
// then every cell.
func indicatorCells(is *submission.IndicatorSpec, included []Input) []Cell {
	var out []Cell
	if len(is.Dims) > 0 && is.Total != catalog.TotalEntered && is.ValueType != catalog.TypeText {
		total := Cell{Indicator: is.Code, Disaggregation: submission.Disaggregation{}, Key: submission.CellKey(is.Code, nil, nil),
			Units: map[string]submission.Value{}}
		for _, in := range included {
			var unitTotal *submission.Value
			for _, c := range is.Cells {
				if v, ok := in.Content.Values[c.Key]; ok {
					unitTotal = add(is.ValueType, unitTotal, v)
				}
			}
			if unitTotal != nil {
				total.Units[in.Status.Unit] = *unitTotal
				total.Total = add(is.ValueType, total.Total, *unitTotal)
			}
		}
		out = append(out, total)
	}
	for _, c := range is.Cells {
		cell := Cell{Indicator: is.Code, Disaggregation: c.Disaggregation, Key: c.Key, Units: map[string]submission.Value{}}
		if cell.Disaggregation == nil {
			cell.Disaggregation = submission.Disaggregation{}
		}
		for _, in := range included {
			v, ok := in.Content.Values[c.Key]
			if !ok {
				continue
			}
			cell.Units[in.Status.Unit] = v
			if is.ValueType != catalog.TypeText {
				cell.Total = add(is.ValueType, cell.Total, v)
			}
		}
		out = append(out, cell)
	}
	return out
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

// contentHash covers everything but the hash itself and the time taken.
func (s *Snapshot) contentHash() string {
	c := *s
	c.Hash, c.CreatedAt = "", time.Time{}
	data, err := json.Marshal(c)
	if err != nil {
		panic(err) // plain data
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
