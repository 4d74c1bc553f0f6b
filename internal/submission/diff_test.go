package submission

import (
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"
)

// referenceDiff is Diff as it was before it sorted only the changed keys.
func referenceDiff(old, new Content) []CellChange {
	var out []CellChange
	keys := map[Key]bool{}
	for k := range old.Values {
		keys[k] = true
	}
	for k := range new.Values {
		keys[k] = true
	}
	sorted := make([]Key, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	for _, k := range sorted {
		o, n := old.Values[k], new.Values[k]
		if !o.Equal(n) {
			out = append(out, CellChange{Kind: "value", Key: string(k), Old: o.JSON(), New: n.JSON()})
		}
	}
	out = append(out, diffText("narrative", old.Narratives, new.Narratives)...)
	return append(out, diffText("explanation", old.Explanations, new.Explanations)...)
}

func TestDiff_SameAsComparingEveryKey(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for i := range 2000 {
		a, b := randomContent(r), randomContent(r)
		// Share some cells, change some, and keep an empty value or two,
		// which equals a missing one.
		for k, v := range a.Values {
			switch r.IntN(4) {
			case 0:
				b.Values[k] = v
			case 1:
				b.Values[k] = Value{}
			}
		}
		if r.IntN(3) == 0 {
			b = a.Clone()
		}
		if got, want := Diff(a, b), referenceDiff(a, b); !reflect.DeepEqual(got, want) {
			t.Fatalf("pair %d:\n got %+v\nwant %+v", i, got, want)
		}
	}
}
