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

// randomContent fills every kind of value, empty ones included, with a
// few texts and numbers in keys, texts and narratives.
func randomContent(r *rand.Rand) Content {
	texts := []string{"", "Đã kiện toàn Ban chỉ đạo.", "a\"b", "TQ01|SEX=M"}
	numbers := []float64{0, 1, -1, 7, 1250.5, 1.0 / 3}
	c := NewContent()
	f := func() *float64 { x := numbers[r.IntN(len(numbers))]; return &x }
	s := func() string { return texts[r.IntN(len(texts))] + texts[r.IntN(len(texts))] }
	for i := range r.IntN(40) {
		var v Value
		switch r.IntN(6) {
		case 0:
			v.Number = f()
		case 1:
			v.Num, v.Den = f(), f()
		case 2:
			v.Num = f()
		case 3:
			text := s()
			v.Text = &text
		case 4:
			b := r.IntN(2) == 0
			v.Bool = &b
		}
		c.Values[Key(s()+string(rune('A'+i)))] = v
	}
	for range r.IntN(5) {
		c.Narratives[s()] = s()
	}
	for range r.IntN(3) {
		c.Explanations[s()] = s()
	}
	return c
}
