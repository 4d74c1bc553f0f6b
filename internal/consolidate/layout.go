package consolidate

import (
	"slices"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// Layout is what a snapshot takes of its catalog for the indicators it
// consolidates: the plan and report, the indicators with their dimensions
// spelled out, every cell in order (a derived total first for dimensioned
// indicators) and the units by code. It depends on the catalog version
// and the indicators alone (catalog versions never change), so a service
// can build it once and assemble every consolidation of them with it; a
// national round's catalog has thousands of units and hundreds of cells.
// A Layout is not changed after NewLayout, so one may be shared.
type Layout struct {
	plan       PlanInfo
	report     catalog.Report
	indicators []IndicatorInfo
	cells      []layoutCell
	units      map[string]catalog.Unit
}

// layoutCell is a cell without its total, and where its total comes
// from: a dimensioned indicator's derived total (Figures.Derived), or the
// cell's own sum (Figures.Totals) unless it is a text.
type layoutCell struct {
	Cell
	derived, summed bool
}

// NewLayout lays out catalog c for the indicators (codes, in the
// catalog's order).
func NewLayout(c *catalog.Catalog, indicators []string) *Layout {
	l := &Layout{report: c.Report,
		plan: PlanInfo{Code: c.Plan.Code, Title: c.Plan.Title, Issuer: c.Plan.Issuer, Consolidator: c.Plan.Consolidator,
			TaskGroups: c.Plan.TaskGroups, NarrativeSections: c.Plan.NarrativeSections},
		units: make(map[string]catalog.Unit, len(c.Units))}
	spec := submission.BuildForm(c, catalog.Form{Code: "ALL", Indicators: indicators})
	for _, is := range spec.Indicators() {
		l.indicators = append(l.indicators, IndicatorInfo{Indicator: is.Indicator, Dims: is.Dims})
		if derives(is.Indicator, len(is.Dims)) {
			l.cells = append(l.cells, layoutCell{derived: true,
				Cell: Cell{Indicator: is.Code, Disaggregation: submission.Disaggregation{}, Key: submission.CellKey(is.Code, nil, nil)}})
		}
		for _, c := range is.Cells {
			cell := Cell{Indicator: is.Code, Disaggregation: c.Disaggregation, Key: c.Key}
			if cell.Disaggregation == nil {
				cell.Disaggregation = submission.Disaggregation{}
			}
			l.cells = append(l.cells, layoutCell{Cell: cell, summed: is.ValueType != catalog.TypeText})
		}
	}
	// Looked up once per unit of every consolidation: a national round
	// has thousands.
	for _, u := range c.Units {
		l.units[u.Code] = u
	}
	return l
}

// Assemble lays figures out as the snapshot's head: completeness from the
// statuses, the provenance (each included unit's revision), and every cell
// of the layout with its province total (f.Totals, f.Derived). The units'
// values and narratives are not in it: Attach lays them out. It has no
// hash yet: the caller sets it (SetHash) once the snapshot is complete,
// its comparison included. The snapshot's slices are its own; its cells'
// disaggregations are the layout's (nothing changes a disaggregation).
func (l *Layout) Assemble(versionID int64, round RoundInfo, statuses []UnitStatus, includeUnreviewed bool, f Figures) *Snapshot {
	s := &Snapshot{Round: round, CatalogVersion: versionID, Report: l.report, Plan: l.plan, IncludesUnreviewed: includeUnreviewed,
		Indicators: slices.Clone(l.indicators), Provenance: make([]Provenance, 0, len(statuses))}
	comp := &s.Completeness
	comp.Units = make([]UnitStatus, 0, len(statuses))
	yes, no := true, false
	for _, st := range statuses {
		if u, ok := l.units[st.Unit]; ok {
			s.Units = append(s.Units, UnitInfo{Code: u.Code, Name: u.Name, Short: u.Short, Kind: u.Kind})
			st.Name = u.Name
		}
		comp.Expected++
		st.OnTime = nil
		switch st.Standing(round.DueAt) {
		case submission.StandingOnTime:
			comp.Submitted++
			comp.OnTime++
			st.OnTime = &yes
		case submission.StandingLate:
			comp.Submitted++
			comp.Late++
			st.OnTime = &no
		default:
			comp.Missing++
		}
		if st.Status == submission.StatusAccepted {
			comp.Accepted++
		}
		st.Reviewed = st.Status == submission.StatusAccepted
		st.Included = Includes(st, includeUnreviewed)
		if st.Included {
			comp.Included++
			s.Provenance = append(s.Provenance, Provenance{Unit: st.Unit, Revision: st.Revision})
		}
		comp.Units = append(comp.Units, st)
	}
	s.Cells = make([]Cell, len(l.cells))
	for i, lc := range l.cells {
		cell := lc.Cell
		var t submission.Value
		var ok bool
		switch {
		case lc.derived:
			t, ok = f.Derived[cell.Indicator]
		case lc.summed:
			t, ok = f.Totals[cell.Key]
		}
		if ok {
			cell.Total = &t
		}
		s.Cells[i] = cell
	}
	return s
}
