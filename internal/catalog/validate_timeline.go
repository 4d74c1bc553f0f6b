package catalog

import (
	"sort"
	"time"
)

// shareSlack absorbs the rounding of shares written with a few decimals
// (1/3 + 1/3 + 1/3 as 0.333 + 0.333 + 0.334).
const shareSlack = 1e-6

// timelineUnits checks format 2's organisation: provinces one after
// another with exactly one in force on any day of their span, every other
// unit under a parent in force for the whole of its own validity, and
// many-to-many succession without cycles or shares above the whole.
func (v *validator) timelineUnits() {
	var provinces []*Unit
	for i := range v.c.Units {
		u := &v.c.Units[i]
		if u.Successor != "" {
			v.r.at(u.Pos, "successor", msgFormat1Only, "successor", "successors")
		}
		if u.Kind == KindProvince {
			provinces = append(provinces, u)
			if u.Parent != "" {
				v.r.at(u.Pos, "parent", msgProvinceParent)
			}
			continue
		}
		if u.Parent == "" {
			v.r.at(u.Pos, "code", msgNeedsParent, u.Code)
			continue
		}
		p := v.units[u.Parent]
		if p == nil {
			v.unitRef(u.Pos, "parent", u.Parent)
			continue
		}
		if !covers(p, u) {
			v.r.at(u.Pos, "parent", msgParentNotInForce, u.Parent, u.Code, span(u))
		}
	}
	v.provinceTimeline(provinces)
	v.successions()
}

// covers reports whether outer is in force on every day inner is.
func covers(outer, inner *Unit) bool {
	o, in := newValidity(outer.ValidFrom, outer.ValidTo), newValidity(inner.ValidFrom, inner.ValidTo)
	if in.from.Before(o.from) {
		return false
	}
	if o.to.IsZero() {
		return true
	}
	return !in.to.IsZero() && !in.to.After(o.to)
}

// span is a unit's validity as the messages print it.
func span(u *Unit) string {
	if u.ValidTo == "" {
		return "từ " + u.ValidFrom
	}
	return u.ValidFrom + " – " + u.ValidTo
}

// provinceTimeline checks that the provinces follow one another: each
// starts the day after the one before it ends, so exactly one is in force
// on any day from the first's start.
func (v *validator) provinceTimeline(ps []*Unit) {
	if len(ps) == 0 {
		v.r.add(v.dir+"/"+FileUnits, 1, msgNoProvince)
		return
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].ValidFrom < ps[j].ValidFrom })
	for i := 1; i < len(ps); i++ {
		prev, cur := ps[i-1], ps[i]
		if prev.ValidTo == "" {
			v.r.at(cur.Pos, "valid_from", msgProvinceOverlap, cur.Code, prev.Code, prev.Pos.Line)
			continue
		}
		end, ok1 := parseDate(prev.ValidTo)
		start, ok2 := parseDate(cur.ValidFrom)
		if !ok1 || !ok2 {
			continue
		}
		switch next := end.AddDate(0, 0, 1); {
		case start.Before(next):
			v.r.at(cur.Pos, "valid_from", msgProvinceOverlap, cur.Code, prev.Code, prev.Pos.Line)
		case start.After(next):
			v.r.at(cur.Pos, "valid_from", msgProvinceGap, formatDate(next), formatDate(start.AddDate(0, 0, -1)))
		}
	}
}

// successions checks every successors list: known units in force the day
// after the predecessor ends, shares between 0 and 1 adding up to at most
// 1, and no unit succeeding itself through others.
func (v *validator) successions() {
	for i := range v.c.Units {
		u := &v.c.Units[i]
		if len(u.Successors) == 0 {
			continue
		}
		end, ended := parseDate(u.ValidTo)
		if u.ValidTo == "" {
			v.r.at(u.Pos, "successors", msgSuccessorNoEnd, u.Code)
		}
		total := 0.0
		seen := map[string]bool{}
		for _, l := range u.Successors {
			line := l.Pos.Line
			if line == 0 {
				line = u.Pos.At("successors")
			}
			at := func(format string, args ...any) { v.r.add(u.Pos.File, line, format, args...) }
			s := v.units[l.Code]
			switch {
			case l.Code == "":
				at(msgRequired, "code")
				continue
			case s == nil:
				at(msgUnknownRef, "đơn vị", l.Code)
				continue
			case s == u:
				at(msgSelfSuccessor, u.Code)
				continue
			case seen[l.Code]:
				at(msgRepeated, "đơn vị kế thừa", l.Code)
				continue
			}
			seen[l.Code] = true
			if ended {
				if next := end.AddDate(0, 0, 1); !s.ValidOn(next) {
					at(msgSuccessorNotValid, s.Code, formatDate(next), u.Code)
				}
			}
			if l.Share != nil {
				if *l.Share < 0 || *l.Share > 1 {
					v.r.add(u.Pos.File, l.Pos.At("share"), msgShareRange, *l.Share)
					continue
				}
				total += *l.Share
			}
		}
		if total > 1+shareSlack {
			v.r.at(u.Pos, "successors", msgSharesAboveOne, u.Code, total)
		}
	}
	v.successionCycles()
}

// successionCycles reports each unit from which the successor links lead
// back to itself.
func (v *validator) successionCycles() {
	for i := range v.c.Units {
		if u := &v.c.Units[i]; len(u.Successors) > 0 && v.reachesItself(u) {
			v.r.at(u.Pos, "successors", msgSuccessionCycle, u.Code)
		}
	}
}

// reachesItself reports whether following successor links from u leads
// back to u.
func (v *validator) reachesItself(u *Unit) bool {
	seen := map[string]bool{}
	queue := []*Unit{u}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, l := range cur.Successors {
			s := v.units[l.Code]
			if s == nil || s == cur {
				continue
			}
			if s == u {
				return true
			}
			if !seen[s.Code] {
				seen[s.Code] = true
				queue = append(queue, s)
			}
		}
	}
	return false
}

// roles checks format 2's effective-dated roles: each list of periods
// follows on without overlap or gap, names units of the right kind in
// force for the whole period, and fills its required fields. Format 1
// keeps its roles in plan.province, plan.consolidator and report.yaml.
func (v *validator) roles() {
	p := &v.c.Plan
	if p.Province != "" {
		v.r.at(p.Pos, "province", msgFormat1Only, "province", "các đơn vị kind: province nối tiếp nhau trong units.yaml")
	}
	if p.Consolidator != "" {
		v.r.at(p.Pos, "consolidator", msgFormat1Only, "consolidator", "roles.consolidator")
	}
	if p.Roles == nil {
		v.r.at(p.Pos, "roles", msgRequired, "roles")
		return
	}
	r := p.Roles
	if r.Pos.File == "" {
		r.Pos = p.Pos
	}
	periods := func(key string, n int, at func(i int) (Pos, string, string)) {
		if n == 0 && key != "citation" {
			v.r.at(r.Pos, key, msgRequired, "roles."+key)
		}
		var prevTo time.Time
		var prevOpen bool
		for i := range n {
			pos, from, to := at(i)
			f, okF := parseDate(from)
			switch {
			case from == "":
				v.r.at(pos, "from", msgRequired, "from")
			case !okF:
				v.r.at(pos, "from", msgBadDate, "from", from)
			}
			t, okT := parseDate(to)
			if to != "" && !okT {
				v.r.at(pos, "to", msgBadDate, "to", to)
			} else if okF && okT && t.Before(f) {
				v.r.at(pos, "to", msgRoleOrder, from, to)
			}
			if i > 0 && okF {
				switch {
				case prevOpen || !f.After(prevTo):
					v.r.at(pos, "from", msgRoleOverlap, "roles."+key, from)
				case f.After(prevTo.AddDate(0, 0, 1)):
					v.r.at(pos, "from", msgRoleGap, "roles."+key, formatDate(prevTo.AddDate(0, 0, 1)), formatDate(f.AddDate(0, 0, -1)))
				}
			}
			prevTo, prevOpen = t, to == ""
		}
	}
	periods("issuer", len(r.Issuer), func(i int) (Pos, string, string) { x := r.Issuer[i]; return x.Pos, x.From, x.To })
	periods("consolidator", len(r.Consolidator), func(i int) (Pos, string, string) {
		x := r.Consolidator[i]
		return x.Pos, x.From, x.To
	})
	periods("recipients", len(r.Recipients), func(i int) (Pos, string, string) { x := r.Recipients[i]; return x.Pos, x.From, x.To })
	periods("signer", len(r.Signer), func(i int) (Pos, string, string) { x := r.Signer[i]; return x.Pos, x.From, x.To })
	periods("citation", len(r.Citation), func(i int) (Pos, string, string) { x := r.Citation[i]; return x.Pos, x.From, x.To })
	for _, x := range r.Issuer {
		for _, f := range [][2]string{{"unit", x.Unit}, {"issuing_body", x.IssuingBody}, {"number_symbol", x.NumberSymbol}, {"place", x.Place}} {
			v.required(x.Pos, f[0], f[1])
		}
		v.roleUnit(x.Pos, x.Unit, x.From, x.To, true)
	}
	for _, x := range r.Consolidator {
		v.required(x.Pos, "unit", x.Unit)
		v.roleUnit(x.Pos, x.Unit, x.From, x.To, false)
	}
	for _, x := range r.Recipients {
		if len(x.Lines) == 0 {
			v.r.at(x.Pos, "lines", msgNoRecipients)
		}
	}
	for _, x := range r.Signer {
		if len(x.Block) == 0 {
			v.r.at(x.Pos, "block", msgRequired, "block")
		}
	}
	for _, x := range r.Citation {
		v.required(x.Pos, "issuer", x.Issuer)
		if x.Date != "" {
			if _, ok := parseDate(x.Date); !ok {
				v.r.at(x.Pos, "date", msgBadDate, "date", x.Date)
			}
		}
	}
}

// roleUnit checks that a role's unit exists, is a province exactly when
// the role is the issuer, and is in force for the whole of the role's
// period.
func (v *validator) roleUnit(p Pos, code, from, to string, province bool) {
	u := v.units[code]
	if code == "" {
		return
	}
	if u == nil {
		v.r.at(p, "unit", msgUnknownRef, "đơn vị", code)
		return
	}
	if province != (u.Kind == KindProvince) {
		if province {
			v.r.at(p, "unit", msgProvinceKind, code)
		} else {
			v.r.at(p, "unit", msgFormProvince, code)
		}
		return
	}
	if _, ok := parseDate(from); !ok {
		return
	}
	role := Unit{ValidFrom: from, ValidTo: to}
	if !covers(u, &role) {
		v.r.at(p, "unit", msgRoleUnitNotInForce, code, span(&role))
	}
}
