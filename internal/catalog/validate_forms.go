package catalog

import (
	"regexp"
	"time"
)

func (v *validator) forms() {
	seen := map[string]int{}
	// owner[kind][unit] is the first form that gives unit a form for kind.
	owner := map[string]map[string]*Form{RoundAnnual: {}, RoundAdhoc: {}}
	for i := range v.c.Forms {
		f := &v.c.Forms[i]
		p := f.Pos
		v.code(seen, "biểu mẫu", p, f.Code)
		v.required(p, "title", f.Title)
		if len(f.RoundKinds) == 0 {
			v.r.at(p, "round_kinds", msgRequired, "round_kinds")
		}
		for _, k := range f.RoundKinds {
			v.enum(p, "round_kinds", k, RoundAnnual, RoundAdhoc)
		}
		v.period(p, f.ValidFrom, f.ValidTo)
		if len(f.Units) == 0 && len(f.UnitKinds) == 0 {
			v.r.at(p, "units", msgFormNoUnits)
		}
		if len(f.Indicators) == 0 && len(f.Narratives) == 0 {
			v.r.at(p, "indicators", msgFormEmpty)
		}
		v.noRepeats(p, "indicators", "chỉ tiêu", f.Indicators)
		v.noRepeats(p, "narratives", "phần báo cáo", f.Narratives)
		for _, code := range f.Indicators {
			if v.indicators[code] == nil {
				v.r.at(p, "indicators", msgUnknownRef, "chỉ tiêu", code)
			}
		}
		for _, code := range f.Narratives {
			if !v.narratives[code] {
				v.r.at(p, "narratives", msgUnknownRef, "phần báo cáo", code)
			}
		}
		for _, k := range f.UnitKinds {
			v.enum(p, "unit_kinds", k, v.reportingKinds()...)
		}
		window := newValidity(f.ValidFrom, f.ValidTo)
		for _, code := range f.Units {
			u := v.units[code]
			switch {
			case u == nil:
				v.r.at(p, "units", msgUnknownRef, "đơn vị", code)
			case u.Kind == KindProvince:
				v.r.at(p, "units", msgFormProvince, code)
			case !u.ValidDuring(window.from, v.farEnd(window)):
				v.r.at(p, "units", msgFormUnitNotValid, code)
			}
		}
		for _, code := range v.formUnits(f) {
			for _, kind := range f.RoundKinds {
				m := owner[kind]
				if m == nil {
					continue
				}
				if prev := m[code]; prev != nil && overlapping(prev, f) {
					v.r.at(p, "code", msgFormOverlap, code, kind, prev.Code, prev.Pos.Line, f.Code, p.Line)
					continue
				}
				m[code] = f
			}
		}
	}
	for i := range v.c.Units {
		u := &v.c.Units[i]
		if u.Kind != KindProvince && owner[RoundAnnual][u.Code] == nil {
			v.r.at(u.Pos, "code", msgUnitReportsNone, u.Code)
		}
	}
}

// farEnd is a window's end, or far in the future for an open one.
func (v *validator) farEnd(w validity) time.Time {
	if w.to.IsZero() {
		return time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return w.to
}

// formUnits is every unit a form names, directly or by kind.
func (v *validator) formUnits(f *Form) []string {
	var out []string
	seen := map[string]bool{}
	for _, code := range f.Units {
		if v.units[code] != nil && !seen[code] {
			seen[code] = true
			out = append(out, code)
		}
	}
	for _, u := range v.c.Units {
		for _, k := range f.UnitKinds {
			if u.Kind == k && !seen[u.Code] {
				seen[u.Code] = true
				out = append(out, u.Code)
			}
		}
	}
	return out
}

func overlapping(a, b *Form) bool {
	wa := newValidity(a.ValidFrom, a.ValidTo)
	end := wa.to
	if end.IsZero() {
		end = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return newValidity(b.ValidFrom, b.ValidTo).overlaps(wa.from, end)
}

var timePattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// validMonthDay accepts "MM-DD" days that exist in every year (so not 02-29).
func validMonthDay(s string) bool {
	_, err := time.Parse("2006-01-02", "2023-"+s)
	return len(s) == 5 && err == nil
}

func (v *validator) schedules() {
	s := &v.c.Schedules
	if s.Pos.File == "" {
		s.Pos = Pos{File: v.dir + "/" + FileSchedules, Line: 1}
	}
	if s.Timezone == "" {
		v.r.at(s.Pos, "timezone", msgRequired, "timezone")
	} else if _, err := time.LoadLocation(s.Timezone); err != nil || s.Timezone == "Local" {
		v.r.at(s.Pos, "timezone", msgBadTimezone, s.Timezone)
	}
	a := s.Annual
	if a.Pos.File == "" {
		a.Pos = s.Pos
	}
	v.code(map[string]int{}, "kỳ báo cáo", a.Pos, a.Code)
	v.required(a.Pos, "title", a.Title)
	days := map[string]bool{}
	for _, f := range [][2]string{{"opens", a.Opens}, {"cutoff", a.Cutoff}, {"due", a.Due}, {"report_due", a.ReportDue}} {
		switch {
		case f[1] == "":
			v.r.at(a.Pos, f[0], msgRequired, f[0])
		case !validMonthDay(f[1]):
			v.r.at(a.Pos, f[0], msgBadMonthDay, f[0], f[1])
		default:
			days[f[0]] = true
		}
	}
	if a.DueTime == "" {
		v.r.at(a.Pos, "due_time", msgRequired, "due_time")
	} else if !timePattern.MatchString(a.DueTime) {
		v.r.at(a.Pos, "due_time", msgBadTime, a.DueTime)
	}
	if days["opens"] && days["due"] && a.Opens >= a.Due {
		v.r.at(a.Pos, "opens", msgOpensAfterDue, a.Opens, a.Due)
	}
	if days["due"] && days["report_due"] && a.ReportDue <= a.Due {
		v.r.at(a.Pos, "report_due", msgReportDueOrder, a.ReportDue, a.Due)
	}
	if days["cutoff"] && days["due"] {
		for year := 2024; year <= 2040; year++ {
			if !WorkingDayBetween(monthDay(year, a.Cutoff), monthDay(year, a.Due)) {
				v.r.at(a.Pos, "cutoff", msgCutoffWorkingDay, a.Cutoff, a.Due, year)
				break
			}
		}
	}
	v.dayLists(a.Pos, a.RemindDays, a.ChaseDays, a.LockAfterDays)
	ad := s.Adhoc
	if ad.Pos.File == "" {
		ad.Pos = s.Pos
	}
	if ad.DueDays <= 0 {
		v.r.at(ad.Pos, "due_days", msgPositiveDays, "due_days", ad.DueDays)
	}
	v.dayLists(ad.Pos, ad.RemindDays, ad.ChaseDays, ad.LockAfterDays)
}

func (v *validator) dayLists(p Pos, remind, chase []int, lock int) {
	for _, d := range remind {
		if d <= 0 {
			v.r.at(p, "remind_days", msgPositiveDays, "remind_days", d)
		}
	}
	for _, d := range chase {
		if d <= 0 {
			v.r.at(p, "chase_days", msgPositiveDays, "chase_days", d)
		}
	}
	if lock < 0 {
		v.r.at(p, "lock_after_days", msgNonNegative, "lock_after_days")
	}
}

// workingDayBetween reports whether a Monday-to-Friday day lies strictly
// between the cut-off and the due day of year (public holidays aside).
// WorkingDayBetween says at least one working day (Monday to Friday)
// lies strictly between the calendar days cutoff and due, as Decree
// 09/2019 asks between a report's data cut-off and its deadline.
func WorkingDayBetween(cutoff, due time.Time) bool {
	for day := cutoff.AddDate(0, 0, 1); day.Before(due); day = day.AddDate(0, 0, 1) {
		if wd := day.Weekday(); wd != time.Saturday && wd != time.Sunday {
			return true
		}
	}
	return false
}

func (v *validator) report() {
	rep := &v.c.Report
	if rep.Pos.File == "" {
		rep.Pos = Pos{File: v.dir + "/" + FileReport, Line: 1}
	}
	if v.timeline() {
		if rep.Issuer.Unit != "" || rep.Issuer.IssuingBody != "" {
			v.r.at(rep.Pos, "issuer", msgFormat1Only, "issuer", "roles.issuer và roles.signer (plan.yaml)")
		}
		if len(rep.Recipients) > 0 {
			v.r.at(rep.Pos, "recipients", msgFormat1Only, "recipients", "roles.recipients (plan.yaml)")
		}
	} else {
		v.fixedIssuer(rep)
	}
	v.required(rep.Pos, "title", rep.Title)
	v.required(rep.Pos, "summary", rep.Summary)
	if len(rep.Sections) == 0 {
		v.r.at(rep.Pos, "sections", msgRequired, "sections")
	}
	used := map[string]bool{}
	v.sections(rep.Sections, map[string]int{}, used)
	seen := map[string]int{}
	for _, a := range rep.Appendices {
		v.code(seen, "phụ lục", a.Pos, a.Code)
		v.required(a.Pos, "title", a.Title)
		if a.Orientation != "portrait" && a.Orientation != "landscape" {
			v.r.at(a.Pos, "orientation", msgBadOrientation, a.Orientation)
		}
		if len(a.Indicators) == 0 {
			v.r.at(a.Pos, "indicators", msgAppendixEmpty)
		}
		v.indicatorRefs(a.Pos, a.Indicators)
	}
	for _, ns := range v.c.Plan.NarrativeSections {
		if v.narratives[ns.Code] && !used[ns.Code] {
			v.r.at(ns.Pos, "code", msgNarrativeUnused, ns.Code)
		}
	}
}

// fixedIssuer checks format 1's issuer and recipients, fixed for all time.
func (v *validator) fixedIssuer(rep *Report) {
	is := rep.Issuer
	if is.Pos.File == "" {
		is.Pos = rep.Pos
	}
	if is.Unit == "" {
		v.r.at(is.Pos, "unit", msgRequired, "unit")
	}
	v.unitRef(is.Pos, "unit", is.Unit)
	for _, f := range [][2]string{{"issuing_body", is.IssuingBody}, {"number_symbol", is.NumberSymbol}, {"place", is.Place}, {"signer_name", is.SignerName}} {
		v.required(is.Pos, f[0], f[1])
	}
	if len(is.SignerBlock) == 0 {
		v.r.at(is.Pos, "signer_block", msgRequired, "signer_block")
	}
	if len(rep.Recipients) == 0 {
		v.r.at(rep.Pos, "recipients", msgNoRecipients)
	}
}

func (v *validator) sections(list []Section, seen map[string]int, used map[string]bool) {
	for _, s := range list {
		v.code(seen, "mục", s.Pos, s.Code)
		v.required(s.Pos, "title", s.Title)
		for _, n := range s.Narratives {
			if !v.narratives[n] {
				v.r.at(s.Pos, "narratives", msgUnknownRef, "phần báo cáo", n)
			}
			used[n] = true
		}
		v.indicatorRefs(s.Pos, s.Indicators)
		v.sections(s.Sections, seen, used)
	}
}

func (v *validator) indicatorRefs(p Pos, codes []string) {
	for _, code := range codes {
		if v.indicators[code] == nil {
			v.r.at(p, "indicators", msgUnknownRef, "chỉ tiêu", code)
		}
	}
}
