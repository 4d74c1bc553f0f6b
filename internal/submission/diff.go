package submission

// CellChange is one difference between two revisions.
type CellChange struct {
	// Kind is "value", "narrative" or "explanation".
	Kind string `json:"kind"`
	// Key is the cell, the narrative section or the indicator explained.
	Key string `json:"key"`
	Old any    `json:"old"`
	New any    `json:"new"`
}

// Diff lists what changed from old to new, cells first, in key order.
func Diff(old, new Content) []CellChange {
	var out []CellChange
	keys := map[Key]bool{}
	for k := range old.Values {
		keys[k] = true
	}
	for k := range new.Values {
		keys[k] = true
	}
	for _, k := range sortedKeys(keys) {
		o, n := old.Values[k], new.Values[k]
		if !o.Equal(n) {
			out = append(out, CellChange{Kind: "value", Key: string(k), Old: o.JSON(), New: n.JSON()})
		}
	}
	out = append(out, diffText("narrative", old.Narratives, new.Narratives)...)
	out = append(out, diffText("explanation", old.Explanations, new.Explanations)...)
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
