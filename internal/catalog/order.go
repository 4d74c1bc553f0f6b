package catalog

import (
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
	// A collator keeps buffers: one per call, never shared between
	// goroutines.
	c := collate.New(language.Vietnamese)
	rank := map[string]int{}
	for i, g := range UnitGroups {
		rank[g] = i
	}
	slices.SortStableFunc(items, func(a, b T) int {
		ka, na, ca := unit(a)
		kb, nb, cb := unit(b)
		if d := cmp.Compare(rank[GroupOf(ka)], rank[GroupOf(kb)]); d != 0 {
			return d
		}
		if d := c.CompareString(na, nb); d != 0 {
			return d
		}
		return cmp.Compare(ca, cb)
	})
}
