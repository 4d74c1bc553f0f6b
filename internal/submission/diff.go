package submission

import "slices"

// Kinds of CellChange.
const (
	ChangeValue       = "value"
	ChangeNarrative   = "narrative"
	ChangeExplanation = "explanation"
)

// CellChange is one difference between two revisions.
type CellChange struct {
	// Kind is ChangeValue, ChangeNarrative or ChangeExplanation.
	Kind string `json:"kind"`
	// Key is the cell, the narrative section or the indicator explained.
	Key string `json:"key"`
	Old any    `json:"old"`
	New any    `json:"new"`
}

// Diff lists what changed from old to new, cells first, in key order.
func Diff(old, new Content) []CellChange {
	var out []CellChange
	// Only the changed keys are sorted: a save usually changes few of a
	// form's hundreds of cells.
	var changed []Key
	for k, o := range old.Values {
		if !o.Equal(new.Values[k]) {
			changed = append(changed, k)
		}
	}
	for k, n := range new.Values {
		if _, inOld := old.Values[k]; !inOld && !n.Equal(Value{}) {
			changed = append(changed, k)
		}
	}
	slices.Sort(changed)
	for _, k := range changed {
		o, n := old.Values[k], new.Values[k]
		out = append(out, CellChange{Kind: ChangeValue, Key: string(k), Old: o.JSON(), New: n.JSON()})
	}
	out = append(out, diffText(ChangeNarrative, old.Narratives, new.Narratives)...)
	out = append(out, diffText(ChangeExplanation, old.Explanations, new.Explanations)...)
	return out
}

func diffText(kind string, old, new map[string]string) []CellChange {
	keys := map[string]string{}
	for k := range old {
		keys[k] = ""
	}
	for k := range new {
		keys[k] = ""
	}
	var out []CellChange
	for _, k := range sortedStrings(keys) {
		o, okO := old[k]
		n, okN := new[k]
		if o != n || okO != okN {
			var ov, nv any
			if okO {
				ov = o
			}
			if okN {
				nv = n
			}
			out = append(out, CellChange{Kind: kind, Key: k, Old: ov, New: nv})
		}
	}
	return out
}
