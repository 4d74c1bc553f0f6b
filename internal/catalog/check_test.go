package catalog

import (
	"errors"
	"strings"
	"testing"
)

// A catalog changed in code is checked by the rules Load applies.
func TestValidate_BuiltInCode(t *testing.T) {
	c, err := Load(minimal(t), "minimal")
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(c, "built"); err != nil {
		t.Fatalf("a loaded catalog does not validate: %v", err)
	}
	added := c.Units[len(c.Units)-1]
	added.Pos = Pos{}
	c.Units = append(c.Units, added) // same code twice
	c.Units = append(c.Units, Unit{Code: "NEW", Name: "Đơn vị mới", Short: "Mới", Kind: KindDepartment,
		Parent: c.Plan.Province, ValidFrom: "2024-01-01"}) // no form names it
	err = Validate(c, "built")
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 2 {
		t.Fatalf("Validate = %v, want two problems", err)
	}
	if !strings.Contains(err.Error(), added.Code) || !strings.Contains(err.Error(), `"NEW"`) {
		t.Errorf("problems do not name the units: %v", err)
	}
}
