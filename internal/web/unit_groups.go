package web

import "baocao/internal/catalog"

// unitGroup is one group of a list of units as pages show it: its name
// ("Xã, phường, đặc khu") and its rows, in catalog.SortUnits order.
type unitGroup[T any] struct {
	Name string
	Rows []T
}

// groupUnits cuts items, in catalog.SortUnits order, into their kinds'
// groups, in list order; empty groups are left out.
func groupUnits[T any](items []T, unit func(T) (kind, name, code string)) []unitGroup[T] {
	var out []unitGroup[T]
	last := ""
	for _, it := range items {
		kind, _, _ := unit(it)
		if g := catalog.GroupOf(kind); len(out) == 0 || g != last {
			out = append(out, unitGroup[T]{Name: groupNames[g]})
			last = g
		}
		out[len(out)-1].Rows = append(out[len(out)-1].Rows, it)
	}
	return out
}
