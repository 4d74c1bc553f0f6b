package catalog

import (
	"encoding/json"
	"slices"
	"strings"
	"time"
)

// zeroDay asks a format 1 catalog for its roles, which hold on every day.
var zeroDay time.Time

// Changes is what a catalog version changes against another: what an
// administrator reads before making an uploaded version current.
type Changes struct {
	Units      UnitChanges  `json:"units,omitzero"`
	Indicators ItemChanges  `json:"indicators,omitzero"`
	Forms      ItemChanges  `json:"forms,omitzero"`
	Schedules  []string     `json:"schedules,omitempty"`
	Roles      []RoleChange `json:"roles,omitempty"`
}

// UnitChanges are the units that start, end, disappear or change.
type UnitChanges struct {
	// Started are units the old version did not have.
	Started []UnitSpan `json:"started,omitempty"`
	// Ended are units whose valid_to is new or moved, with their
	// successors.
	Ended []UnitSpan `json:"ended,omitempty"`
	// Removed are units the new version no longer lists at all.
	Removed []Item `json:"removed,omitempty"`
	// Changed are units with other fields changed, the fields named.
	Changed []Item `json:"changed,omitempty"`
}

// UnitSpan is a unit that starts or ends, with its validity.
type UnitSpan struct {
	Code       string   `json:"code"`
	Name       string   `json:"name"`
	ValidFrom  string   `json:"valid_from"`
	ValidTo    string   `json:"valid_to,omitempty"`
	Successors []string `json:"successors,omitempty"`
}

// ItemChanges are the items of one kind added, changed or removed.
type ItemChanges struct {
	Added   []Item `json:"added,omitempty"`
	Changed []Item `json:"changed,omitempty"`
	Removed []Item `json:"removed,omitempty"`
}

// Item names an item; Fields, for a changed one, are the keys whose
// values differ (in catalog file terms: "valid_to", "indicators").
type Item struct {
	Code   string   `json:"code"`
	Name   string   `json:"name"`
	Fields []string `json:"fields,omitempty"`
}

// RoleChange is a role (issuer, consolidator, recipients, signer) whose
// holders changed, with each version's periods.
type RoleChange struct {
	Role   string       `json:"role"`
	Before []RolePeriod `json:"before"`
	After  []RolePeriod `json:"after"`
}

// RolePeriod is who holds a role over a period; From and To are empty for
// a format 1 catalog, whose roles hold for all time.
type RolePeriod struct {
	From   string `json:"from,omitempty"`
	To     string `json:"to,omitempty"`
	Holder string `json:"holder"`
}

// Empty says nothing changed.
func (ch Changes) Empty() bool {
	u := ch.Units
	return len(u.Started)+len(u.Ended)+len(u.Removed)+len(u.Changed) == 0 &&
		ch.Indicators.empty() && ch.Forms.empty() && len(ch.Schedules) == 0 && len(ch.Roles) == 0
}

func (ic ItemChanges) empty() bool { return len(ic.Added)+len(ic.Changed)+len(ic.Removed) == 0 }

// Diff is what next changes against prev. Items are matched by code and
// listed in next's order (removed ones in prev's).
func Diff(prev, next *Catalog) Changes {
	ch := Changes{
		Units:      diffUnits(prev.Units, next.Units),
		Indicators: diffItems(prev.Indicators, next.Indicators, func(i Indicator) (string, string) { return i.Code, i.Name }),
		Forms:      diffItems(prev.Forms, next.Forms, func(f Form) (string, string) { return f.Code, f.Title }),
		Schedules:  changedFields(prev.Schedules, next.Schedules, ""),
	}
	for _, role := range []string{"issuer", "consolidator", "recipients", "signer"} {
		before, after := rolePeriods(prev, role), rolePeriods(next, role)
		if !slices.Equal(before, after) || !jsonEqual(roleData(prev, role), roleData(next, role)) {
			ch.Roles = append(ch.Roles, RoleChange{Role: role, Before: before, After: after})
		}
	}
	return ch
}

func diffUnits(prev, next []Unit) UnitChanges {
	var out UnitChanges
	old := map[string]Unit{}
	for _, u := range prev {
		old[u.Code] = u
	}
	kept := map[string]bool{}
	for _, u := range next {
		p, ok := old[u.Code]
		if !ok {
			out.Started = append(out.Started, unitSpan(u))
			continue
		}
		kept[u.Code] = true
		fields := changedFields(p, u, "")
		if u.ValidTo != "" && u.ValidTo != p.ValidTo {
			out.Ended = append(out.Ended, unitSpan(u))
			fields = slices.DeleteFunc(fields, func(f string) bool {
				return f == "valid_to" || f == "successor" || f == "successors"
			})
		}
		if len(fields) > 0 {
			out.Changed = append(out.Changed, Item{Code: u.Code, Name: u.Name, Fields: fields})
		}
	}
	for _, u := range prev {
		if !kept[u.Code] {
			out.Removed = append(out.Removed, Item{Code: u.Code, Name: u.Name})
		}
	}
	return out
}

func unitSpan(u Unit) UnitSpan {
	s := UnitSpan{Code: u.Code, Name: u.Name, ValidFrom: u.ValidFrom, ValidTo: u.ValidTo}
	if u.Successor != "" {
		s.Successors = append(s.Successors, u.Successor)
	}
	for _, l := range u.Successors {
		s.Successors = append(s.Successors, l.Code)
	}
	return s
}

func diffItems[T any](prev, next []T, id func(T) (code, name string)) ItemChanges {
	var out ItemChanges
	old := map[string]T{}
	for _, x := range prev {
		code, _ := id(x)
		old[code] = x
	}
	kept := map[string]bool{}
	for _, x := range next {
		code, name := id(x)
		p, ok := old[code]
		if !ok {
			out.Added = append(out.Added, Item{Code: code, Name: name})
			continue
		}
		kept[code] = true
		if fields := changedFields(p, x, ""); len(fields) > 0 {
			out.Changed = append(out.Changed, Item{Code: code, Name: name, Fields: fields})
		}
	}
	for _, x := range prev {
		if code, name := id(x); !kept[code] {
			out.Removed = append(out.Removed, Item{Code: code, Name: name})
		}
	}
	return out
}

// changedFields names the keys, as the catalog's JSON (and YAML) spells
// them, whose values differ between a and b; nested objects are walked
// ("annual.due"), lists compared whole.
func changedFields(a, b any, prefix string) []string {
	ma, mb := asObject(a), asObject(b)
	var keys []string
	for k := range ma {
		keys = append(keys, k)
	}
	for k := range mb {
		if _, ok := ma[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var out []string
	for _, k := range keys {
		va, vb := ma[k], mb[k]
		if jsonEqual(va, vb) {
			continue
		}
		if isObject(va) && isObject(vb) {
			out = append(out, changedFields(va, vb, prefix+k+".")...)
			continue
		}
		out = append(out, prefix+k)
	}
	return out
}

func asObject(v any) map[string]json.RawMessage {
	data, ok := v.(json.RawMessage)
	if !ok {
		data, _ = json.Marshal(v) // plain data: cannot fail
	}
	var m map[string]json.RawMessage
	json.Unmarshal(data, &m)
	return m
}

func isObject(raw json.RawMessage) bool {
	return strings.HasPrefix(strings.TrimSpace(string(raw)), "{")
}

func jsonEqual(a, b any) bool {
	da, _ := json.Marshal(a)
	db, _ := json.Marshal(b)
	return string(da) == string(db)
}

// rolePeriods are the holders of role over time, for either format.
func rolePeriods(c *Catalog, role string) []RolePeriod {
	if c.Version() < FormatTimeline || c.Plan.Roles == nil {
		in, _ := c.RolesOn(zeroDay)
		return []RolePeriod{{Holder: holderOf(role, in.Issuer, in.Consolidator, in.Recipients, in.Signer)}}
	}
	r := c.Plan.Roles
	var out []RolePeriod
	switch role {
	case "issuer":
		for _, x := range r.Issuer {
			out = append(out, RolePeriod{From: x.From, To: x.To, Holder: holderOf(role, x, "", nil, SignerRole{})})
		}
	case "consolidator":
		for _, x := range r.Consolidator {
			out = append(out, RolePeriod{From: x.From, To: x.To, Holder: x.Unit})
		}
	case "recipients":
		for _, x := range r.Recipients {
			out = append(out, RolePeriod{From: x.From, To: x.To, Holder: strings.Join(x.Lines, "; ")})
		}
	case "signer":
		for _, x := range r.Signer {
			out = append(out, RolePeriod{From: x.From, To: x.To, Holder: holderOf(role, IssuerRole{}, "", nil, x)})
		}
	}
	return out
}

func holderOf(role string, iss IssuerRole, consolidator string, recipients []string, signer SignerRole) string {
	switch role {
	case "issuer":
		return strings.TrimSpace(iss.Unit + " " + iss.NumberSymbol)
	case "consolidator":
		return consolidator
	case "recipients":
		return strings.Join(recipients, "; ")
	}
	return strings.TrimSpace(strings.Join(signer.Block, " ") + " " + signer.Name)
}

// roleData is everything a role's entries say, to see changes the holder
// text leaves out (an issuer's place, say).
func roleData(c *Catalog, role string) any {
	if c.Version() < FormatTimeline || c.Plan.Roles == nil {
		in, _ := c.RolesOn(zeroDay)
		return map[string]any{"issuer": in.Issuer, "consolidator": in.Consolidator, "recipients": in.Recipients, "signer": in.Signer}[role]
	}
	r := c.Plan.Roles
	return map[string]any{"issuer": r.Issuer, "consolidator": r.Consolidator, "recipients": r.Recipients, "signer": r.Signer}[role]
}
