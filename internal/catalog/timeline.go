package catalog

import (
	"slices"
	"time"
)

// SuccessorLinks are the units that took over u, in either format.
func (u *Unit) SuccessorLinks() []Link {
	if len(u.Successors) > 0 {
		return u.Successors
	}
	if u.Successor != "" {
		return []Link{{Code: u.Successor}}
	}
	return nil
}

// Successors are the units that took over the unit with code.
func (c *Catalog) Successors(code string) []Link {
	if u, ok := c.Unit(code); ok {
		return u.SuccessorLinks()
	}
	return nil
}

// Predecessors are the units each unit took over, by the unit's code,
// each link carrying the predecessor's code and the share it gave.
func (c *Catalog) Predecessors() map[string][]Link { return c.predecessorIndex() }

// ProvinceOn is the province in force on day.
func (c *Catalog) ProvinceOn(day time.Time) (Unit, bool) {
	for _, u := range c.Units {
		if u.Kind == KindProvince && u.ValidOn(day) {
			return u, true
		}
	}
	return Unit{}, false
}

// UnitsOn is every unit in force on day, in catalog order.
func (c *Catalog) UnitsOn(day time.Time) []Unit {
	var out []Unit
	for _, u := range c.Units {
		if u.ValidOn(day) {
			out = append(out, u)
		}
	}
	return out
}

// Ancestors is code and every unit it took over, directly or through
// others, in no particular order.
func (c *Catalog) Ancestors(code string) []string {
	preds := c.predecessorIndex()
	out := []string{code}
	for i := 0; i < len(out); i++ {
		for _, l := range preds[out[i]] {
			if !slices.Contains(out, l.Code) {
				out = append(out, l.Code)
			}
		}
	}
	return out
}

// predecessorIndex is Predecessors for every unit at once.
func (c *Catalog) predecessorIndex() map[string][]Link {
	m := map[string][]Link{}
	for i := range c.Units {
		for _, l := range c.Units[i].SuccessorLinks() {
			m[l.Code] = append(m[l.Code], Link{Code: c.Units[i].Code, Share: l.Share})
		}
	}
	return m
}

// Source is a unit of an earlier round whose figures stand, times Share,
// for part of what a unit reports now.
type Source struct {
	Unit  string
	Share float64
}

// Lineage is what a unit's figures compare with in an earlier round.
type Lineage struct {
	// Sources are the earlier round's units and their shares; empty when
	// nothing of the unit was reported then.
	Sources []Source
	// Split names a predecessor divided among several units without
	// shares: the unit cannot be compared on its own, only the province
	// as a whole.
	Split string
	// AlsoCovers names ground the unit (or a unit it took over since)
	// covers that never reported in this system: no comparison holds,
	// for the unit or for the province's same ground.
	AlsoCovers string
	// Reached are the earlier round's units whose ground the unit covers
	// at least in part, whatever the shares: the province's year-on-year
	// figures compare the units that reach back with the units reached.
	Reached []string
}

// LineageOf traces unit back to an earlier round whose due day was since
// and whose expected units are those inRound says. The unit counts itself
// when it was expected then; each predecessor still in force on or after
// since adds its own figures (and its predecessors', likewise) times the
// share it gave: a commune formed from parts of two districts compares
// with each district's figures times its share; a department that
// absorbed another after the earlier round compares with both. A share of
// 0 gave none of the predecessor's children. A unit on the way, formed
// after since, that also covers ground which never reported leaves no
// comparison (AlsoCovers).
func (c *Catalog) LineageOf(unit string, since time.Time, inRound func(code string) bool) Lineage {
	preds := c.predecessorIndex()
	since = truncateDay(since)
	var l Lineage
	shares := map[string]float64{}
	var order []string
	reached := map[string]bool{}
	onPath := map[string]bool{} // a stored catalog is acyclic; this keeps it so
	// walk follows code back; shared says the shares down to it are known
	// (else only what it reaches counts).
	var walk func(code string, share float64, shared bool)
	walk = func(code string, share float64, shared bool) {
		if onPath[code] {
			return
		}
		onPath[code] = true
		defer delete(onPath, code)
		if u, ok := c.Unit(code); ok && u.AlsoCovers != "" && l.AlsoCovers == "" {
			if from, ok := parseDate(u.ValidFrom); ok && from.After(since) {
				l.AlsoCovers = u.AlsoCovers // taken over after the earlier round
			}
		}
		if inRound(code) {
			if !reached[code] {
				reached[code] = true
				l.Reached = append(l.Reached, code)
			}
			if shared {
				if _, seen := shares[code]; !seen {
					order = append(order, code)
				}
				shares[code] += share
			}
		}
		for _, p := range preds[code] {
			pu, ok := c.Unit(p.Code)
			if !ok {
				continue
			}
			if end, ok := parseDate(pu.ValidTo); ok && end.Before(since) {
				continue // absorbed before the earlier round: counted there in code's figures
			}
			s, known := 1.0, shared
			switch {
			case p.Share != nil:
				s = *p.Share
			case len(pu.SuccessorLinks()) > 1:
				if known && l.Split == "" {
					l.Split = p.Code
				}
				known = false
			}
			if s > 0 {
				walk(p.Code, share*s, known)
			}
		}
	}
	walk(unit, 1, true)
	if l.AlsoCovers != "" {
		return Lineage{AlsoCovers: l.AlsoCovers, Reached: l.Reached}
	}
	if l.Split != "" {
		return Lineage{Split: l.Split, Reached: l.Reached}
	}
	for _, code := range order {
		l.Sources = append(l.Sources, Source{Unit: code, Share: shares[code]})
	}
	return l
}
