package catalog

import (
	"encoding/json"
	"reflect"
	"testing"
)

// copyCatalog is a deep copy through JSON, as a stored version is read.
func copyCatalog(t *testing.T, c *Catalog) *Catalog {
	t.Helper()
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var out Catalog
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return &out
}

func TestDiff(t *testing.T) {
	fixed, err := Load(minimal(t), "minimal")
	if err != nil {
		t.Fatal(err)
	}
	tl, err := Load(timeline(t), "timeline")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		base   *Catalog
		change func(c *Catalog)
		want   Changes
	}{
		{"nothing", fixed, func(c *Catalog) {}, Changes{}},
		{"unit ends with a successor", fixed, func(c *Catalog) {
			c.Units[2].ValidTo, c.Units[2].Successor = "2025-12-31", "SO1"
		}, Changes{Units: UnitChanges{Ended: []UnitSpan{{Code: "SO2", Name: "Sở Hai", ValidFrom: "2024-01-01", ValidTo: "2025-12-31", Successors: []string{"SO1"}}}}}},
		{"unit starts, another renamed, a third gone", fixed, func(c *Catalog) {
			c.Units[1].Name = "Sở Một mới"
			c.Units = append(c.Units[:2], c.Units[3:]...)
			c.Units = append(c.Units, Unit{Code: "SO9", Name: "Sở Chín", ValidFrom: "2026-01-01"})
		}, Changes{Units: UnitChanges{
			Started: []UnitSpan{{Code: "SO9", Name: "Sở Chín", ValidFrom: "2026-01-01"}},
			Removed: []Item{{Code: "SO2", Name: "Sở Hai"}},
			Changed: []Item{{Code: "SO1", Name: "Sở Một mới", Fields: []string{"name"}}},
		}}},
		{"indicators added, changed, removed", fixed, func(c *Catalog) {
			added := c.Indicators[0]
			added.Code, added.Name = "BV99", "Chỉ tiêu mới"
			c.Indicators[1].UnitOfMeasure = "hộ"
			c.Indicators[1].Concept = "khái niệm mới"
			c.Indicators = append(c.Indicators[1:], added)
		}, Changes{Indicators: ItemChanges{
			Added:   []Item{{Code: "BV99", Name: "Chỉ tiêu mới"}},
			Changed: []Item{{Code: fixed.Indicators[1].Code, Name: fixed.Indicators[1].Name, Fields: []string{"concept", "unit_of_measure"}}},
			Removed: []Item{{Code: fixed.Indicators[0].Code, Name: fixed.Indicators[0].Name}},
		}}},
		{"form changed and added", fixed, func(c *Catalog) {
			c.Forms[0].Indicators = c.Forms[0].Indicators[1:]
			extra := c.Forms[0]
			extra.Code, extra.Title = "F-NEW", "Biểu mới"
			c.Forms = append(c.Forms, extra)
		}, Changes{Forms: ItemChanges{
			Added:   []Item{{Code: "F-NEW", Name: "Biểu mới"}},
			Changed: []Item{{Code: fixed.Forms[0].Code, Name: fixed.Forms[0].Title, Fields: []string{"indicators"}}},
		}}},
		{"schedule moved", fixed, func(c *Catalog) {
			c.Schedules.Annual.Due = "11-15"
			c.Schedules.Adhoc.DueDays = 10
		}, Changes{Schedules: []string{"adhoc.due_days", "annual.due"}}},
		{"format 1 consolidator", fixed, func(c *Catalog) {
			c.Plan.Consolidator = "SO2"
		}, Changes{Roles: []RoleChange{{Role: "consolidator",
			Before: []RolePeriod{{Holder: fixed.Plan.Consolidator}}, After: []RolePeriod{{Holder: "SO2"}}}}}},
		{"format 2 signer named", tl, func(c *Catalog) {
			last := len(c.Plan.Roles.Signer) - 1
			c.Plan.Roles.Signer[last].Name = "Nguyễn Văn B"
		}, func() Changes {
			before := rolePeriods(tl, "signer")
			after := append([]RolePeriod(nil), before...)
			after[len(after)-1].Holder = holderOf("signer", IssuerRole{}, "", nil,
				SignerRole{Block: tl.Plan.Roles.Signer[len(before)-1].Block, Name: "Nguyễn Văn B"})
			return Changes{Roles: []RoleChange{{Role: "signer", Before: before, After: after}}}
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next := copyCatalog(t, tt.base)
			tt.change(next)
			got := Diff(tt.base, next)
			if !reflect.DeepEqual(got, tt.want) {
				g, _ := json.MarshalIndent(got, "", " ")
				w, _ := json.MarshalIndent(tt.want, "", " ")
				t.Errorf("Diff =\n%s\nwant\n%s", g, w)
			}
			if got.Empty() != (tt.name == "nothing") {
				t.Errorf("Empty() = %v", got.Empty())
			}
		})
	}
}
