package catalog

import (
	"bytes"
	"cmp"
	"slices"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Groups of unit kinds, in the order lists of units show them: the
// province's departments and organisations (sở, ban, ngành, đoàn thể),
// then the district level (format 1), then the commune level (xã, phường,
// đặc khu), then anything else.
const (
	GroupProvincial = "provincial"
	GroupDistrict   = "district"
	GroupCommune    = "commune"
	GroupOther      = "other"
)

// UnitGroups are the groups in list order.
var UnitGroups = []string{GroupProvincial, GroupDistrict, GroupCommune, GroupOther}

// GroupOf is the group a unit kind is listed under.
func GroupOf(kind string) string {
	switch kind {
	case KindDepartment, KindMass, KindMedia:
		return GroupProvincial
	case KindDistrict:
		return GroupDistrict
	case KindCommune, KindWard, KindSpecialZone:
		return GroupCommune
	}
	return GroupOther
}

// SortUnits orders items, each standing for a unit (its kind, name and
// code from unit), as every list of units shows them: by group (GroupOf),
// then by name in Vietnamese alphabetical order ("Đ" after "D", "Ư" after
// "U", tones after the bare letter), then by code. The order is stable.
func SortUnits[T any](items []T, unit func(T) (kind, name, code string)) {
	// Each name's collation key is made once and compared as bytes: a
	// collator comparing two strings walks both every time, which made a
	// national dashboard spend most of its time sorting. A collator keeps
	// buffers: one per call, never shared between goroutines.
	c := collate.New(language.Vietnamese)
	var buf collate.Buffer
	rank := map[string]int{}
	for i, g := range UnitGroups {
		rank[g] = i
	}
	type keyed struct {
		item T
		rank int
		key  []byte
		code string
	}
	ks := make([]keyed, len(items))
	for i, it := range items {
		kind, name, code := unit(it)
		ks[i] = keyed{item: it, rank: rank[GroupOf(kind)], key: c.KeyFromString(&buf, name), code: code}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		if d := cmp.Compare(a.rank, b.rank); d != 0 {
			return d
		}
		if d := bytes.Compare(a.key, b.key); d != 0 {
			return d
		}
		return cmp.Compare(a.code, b.code)
	})
	for i := range ks {
		items[i] = ks[i].item
	}
}
