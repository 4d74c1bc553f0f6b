package catalog

import (
	"path"
	"regexp"
	"slices"
	"strings"
)

var codePattern = regexp.MustCompile(`^[A-Z0-9][A-Z0-9_.-]*$`)

// validator checks a decoded catalog as a whole.
type validator struct {
	c          *Catalog
	dir        string
	r          *reporter
	units      map[string]*Unit
	dims       map[string]*Dimension
	indicators map[string]*Indicator
	taskGroups map[string]bool
	narratives map[string]bool
}

func validate(c *Catalog, dir string, r *reporter) {
	v := &validator{c: c, dir: dir, r: r,
		units: map[string]*Unit{}, dims: map[string]*Dimension{}, indicators: map[string]*Indicator{},
		taskGroups: map[string]bool{}, narratives: map[string]bool{}}
	v.plan()
	v.unitList()
	if v.timeline() {
		v.roles()
	}
	v.dimensions()
	v.indicatorList()
	v.rules()
	v.forms()
	v.schedules()
	v.report()
	v.responsibilities()
}

// codes checks that each item's code is present, well formed and unique
// within its kind.
func (v *validator) code(seen map[string]int, kind string, p Pos, code string) bool {
	if code == "" {
		v.r.at(p, "code", msgRequired, "code")
		return false
	}
	if !codePattern.MatchString(code) {
		v.r.at(p, "code", msgBadCode, code)
		return false
	}
	if line, dup := seen[code]; dup {
		v.r.at(p, "code", msgDuplicateCode, kind, code, line)
		return false
	}
	seen[code] = p.At("code")
	return true
}

func (v *validator) required(p Pos, field, value string) {
	if strings.TrimSpace(value) == "" {
		v.r.at(p, field, msgRequired, field)
	}
}

func (v *validator) unitRef(p Pos, field, code string) {
	if code != "" && v.units[code] == nil {
		v.r.at(p, field, msgUnknownRef, "đơn vị", code)
	}
}

func (v *validator) enum(p Pos, field, value string, allowed ...string) bool {
	if value == "" {
		v.r.at(p, field, msgRequired, field)
		return false
	}
	if !slices.Contains(allowed, value) {
		v.r.at(p, field, msgBadEnum, field, value, strings.Join(allowed, ", "))
		return false
	}
	return true
}

func (v *validator) noRepeats(p Pos, field, what string, codes []string) {
	seen := map[string]bool{}
	for _, c := range codes {
		if seen[c] {
			v.r.at(p, field, msgRepeated, what, c)
		}
		seen[c] = true
	}
}

func (v *validator) plan() {
	p := &v.c.Plan
	if p.Pos.File == "" {
		p.Pos = Pos{File: path.Join(v.dir, FilePlan), Line: 1}
	}
	if p.Format != 0 && p.Format != FormatFixed && p.Format != FormatTimeline {
		v.r.at(p.Pos, "format", msgBadFormat, p.Format)
	}
	v.code(map[string]int{}, "kế hoạch", p.Pos, p.Code)
	v.required(p.Pos, "title", p.Title)
	v.required(p.Pos, "issuer", p.Issuer)
	seenDoc := map[string]int{}
	for _, d := range p.LegalBasis {
		v.code(seenDoc, "văn bản", d.Pos, d.Code)
		v.required(d.Pos, "title", d.Title)
		if d.Issued != "" {
			if _, ok := parseDate(d.Issued); !ok {
				v.r.at(d.Pos, "issued", msgBadDate, "issued", d.Issued)
			}
		}
	}
	seenTG, seenSub := map[string]int{}, map[string]int{}
	for _, tg := range p.TaskGroups {
		if v.code(seenTG, "nhóm nhiệm vụ", tg.Pos, tg.Code) {
			v.taskGroups[tg.Code] = true
		}
		v.required(tg.Pos, "title", tg.Title)
		for _, sp := range tg.SubPlans {
			v.code(seenSub, "kế hoạch thành phần", sp.Pos, sp.Code)
			v.required(sp.Pos, "title", sp.Title)
		}
	}
	if len(p.TaskGroups) == 0 {
		v.r.at(p.Pos, "task_groups", msgRequired, "task_groups")
	}
	seenNS := map[string]int{}
	for _, ns := range p.NarrativeSections {
		if v.code(seenNS, "phần báo cáo", ns.Pos, ns.Code) {
			v.narratives[ns.Code] = true
		}
		v.required(ns.Pos, "title", ns.Title)
		if ns.TaskGroup != "" && !v.taskGroups[ns.TaskGroup] {
			v.r.at(ns.Pos, "task_group", msgUnknownRef, "nhóm nhiệm vụ", ns.TaskGroup)
		}
	}
}

func (v *validator) unitList() {
	seen := map[string]int{}
	kinds := []string{KindProvince, KindDepartment, KindMass, KindMedia, KindDistrict}
	if v.timeline() {
		kinds = append([]string{KindProvince}, ReportingKinds...)
	}
	for i := range v.c.Units {
		u := &v.c.Units[i]
		if v.code(seen, "đơn vị", u.Pos, u.Code) {
			v.units[u.Code] = u
		}
		v.required(u.Pos, "name", u.Name)
		v.required(u.Pos, "short", u.Short)
		v.enum(u.Pos, "kind", u.Kind, kinds...)
		if u.Email != "" && !strings.Contains(strings.Trim(u.Email, "@"), "@") {
			v.r.at(u.Pos, "email", msgBadEmail, u.Email)
		}
		v.period(u.Pos, u.ValidFrom, u.ValidTo)
	}
	if v.timeline() {
		v.timelineUnits()
	} else {
		v.fixedUnits()
	}
	// The parent links must form a tree under a province.
	for i := range v.c.Units {
		u := &v.c.Units[i]
		visited := map[string]bool{}
		cur := u
		for cur != nil && cur.Parent != "" && !visited[cur.Code] {
			visited[cur.Code] = true
			cur = v.units[cur.Parent]
		}
		switch {
		case cur != nil && visited[cur.Code]:
			v.r.at(u.Pos, "parent", msgParentCycle, u.Code)
		case cur != nil && cur.Parent == "" && cur.Kind != KindProvince && u.Parent != "":
			v.r.at(u.Pos, "parent", msgNotUnderProvince, u.Code, cur.Code)
		}
	}
}

// timeline reports whether the catalog is in format 2.
func (v *validator) timeline() bool { return v.c.Version() >= FormatTimeline }

// fixedUnits checks format 1's organisation: one province for all time,
// the plan's province and consolidator, single successors.
func (v *validator) fixedUnits() {
	var province *Unit
	for i := range v.c.Units {
		u := &v.c.Units[i]
		if u.Kind == KindProvince {
			if province != nil {
				v.r.at(u.Pos, "kind", msgOnePerProvince, province.Code, province.Pos.Line)
			} else {
				province = u
			}
			if u.Parent != "" {
				v.r.at(u.Pos, "parent", msgProvinceParent)
			}
			continue
		}
		if u.Parent == "" {
			v.r.at(u.Pos, "code", msgNeedsParent, u.Code)
		}
		v.unitRef(u.Pos, "parent", u.Parent)
		if len(u.Successors) > 0 {
			v.r.at(u.Pos, "successors", msgFormat2Only, "successors")
		}
		if u.AlsoCovers != "" {
			v.r.at(u.Pos, "also_covers", msgFormat2Only, "also_covers")
		}
	}
	p := v.c.Plan
	if p.Province == "" {
		v.r.at(p.Pos, "province", msgRequired, "province")
	} else if pu := v.units[p.Province]; pu == nil {
		v.r.at(p.Pos, "province", msgUnknownRef, "đơn vị", p.Province)
	} else if pu.Kind != KindProvince {
		v.r.at(p.Pos, "province", msgProvinceKind, p.Province)
	}
	if p.Consolidator == "" {
		v.r.at(p.Pos, "consolidator", msgRequired, "consolidator")
	} else if v.units[p.Consolidator] == nil {
		v.r.at(p.Pos, "consolidator", msgConsolidatorUnits, p.Consolidator)
	}
	if p.Roles != nil {
		v.r.at(p.Pos, "roles", msgFormat2Only, "roles")
	}
	for i := range v.c.Units {
		u := &v.c.Units[i]
		if u.Successor == "" {
			continue
		}
		s := v.units[u.Successor]
		switch {
		case s == nil:
			v.r.at(u.Pos, "successor", msgUnknownRef, "đơn vị", u.Successor)
		case s == u:
			v.r.at(u.Pos, "successor", msgSelfSuccessor, u.Code)
		case u.ValidTo == "":
			v.r.at(u.Pos, "successor", msgSuccessorNoEnd, u.Code)
		default:
			end, ok := parseDate(u.ValidTo)
			if !ok {
				continue
			}
			next := end.AddDate(0, 0, 1)
			if !s.ValidOn(next) {
				v.r.at(u.Pos, "successor", msgSuccessorNotValid, s.Code, formatDate(next), u.Code)
			}
		}
	}
}

// reportingKinds are the unit kinds forms and responsibilities may name.
func (v *validator) reportingKinds() []string {
	if v.timeline() {
		return ReportingKinds
	}
	return []string{KindDepartment, KindMass, KindMedia, KindDistrict}
}

// period checks a valid_from / valid_to pair.
func (v *validator) period(p Pos, from, to string) {
	f, okF := parseDate(from)
	if from == "" {
		v.r.at(p, "valid_from", msgRequired, "valid_from")
	} else if !okF {
		v.r.at(p, "valid_from", msgBadDate, "valid_from", from)
	}
	if to == "" {
		return
	}
	t, okT := parseDate(to)
	if !okT {
		v.r.at(p, "valid_to", msgBadDate, "valid_to", to)
		return
	}
	if okF && t.Before(f) {
		v.r.at(p, "valid_to", msgDateOrder, from, to)
	}
}

func (v *validator) responsibilities() {
	for _, res := range v.c.Plan.Responsibilities {
		v.required(res.Pos, "section", res.Section)
		for _, u := range res.Units {
			v.unitRef(res.Pos, "units", u)
		}
		for _, k := range res.UnitKinds {
			v.enum(res.Pos, "unit_kinds", k, v.reportingKinds()...)
		}
		for _, tg := range res.TaskGroups {
			if !v.taskGroups[tg] {
				v.r.at(res.Pos, "task_groups", msgUnknownRef, "nhóm nhiệm vụ", tg)
			}
		}
	}
}
