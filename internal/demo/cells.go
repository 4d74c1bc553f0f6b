package demo

import (
	"encoding/json"
	"fmt"
	"math"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// Dimension and option codes of the seed catalog the generators use.
const (
	dimSex = "SEX"
	dimAge = "AGE"
)

var (
	sexes = [2]string{"M", "F"}
	ages  = [3]string{"TU_0_DUOI_6", "TU_6_DUOI_11", "TU_11_DUOI_16"}
)

// cells collects one unit's entries as the JSON API would send them, for
// the indicators on its form only; indicators a generator does not know
// are filled by fillRest.
type cells struct {
	spec    *submission.FormSpec
	entries []submission.Entry
	set     map[submission.Key]bool
}

func newCells(spec *submission.FormSpec) *cells {
	return &cells{spec: spec, set: map[submission.Key]bool{}}
}

// has reports whether the form asks for indicator ind.
func (c *cells) has(ind string) bool {
	_, ok := c.spec.Indicator(ind)
	return ok
}

// put enters v (a number, bool, string or rate) in ind's cell at d.
func (c *cells) put(ind string, d submission.Disaggregation, v any) {
	is, ok := c.spec.Indicator(ind)
	if !ok {
		return
	}
	key := submission.CellKey(ind, is.Indicator.Dimensions, d)
	if _, ok := c.spec.Cell(key); !ok || c.set[key] {
		return
	}
	raw, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("demo: encode %v: %v", v, err)) // only plain values reach here
	}
	c.set[key] = true
	c.entries = append(c.entries, submission.Entry{Indicator: ind, Disaggregation: d, JSON: raw})
}

// one enters the single cell of an indicator without dimensions (or the
// entered total of one with dimensions).
func (c *cells) one(ind string, v any) { c.put(ind, submission.Disaggregation{}, v) }

// by enters the cell of ind at option opt of its only dimension dim.
func (c *cells) by(ind, dim, opt string, v any) {
	c.put(ind, submission.Disaggregation{dim: opt}, v)
}

// sex enters a by-sex indicator: boys, girls.
func (c *cells) sex(ind string, v [2]int) {
	c.by(ind, dimSex, "M", v[0])
	c.by(ind, dimSex, "F", v[1])
}

// sexAge enters a by-sex-and-age indicator.
func (c *cells) sexAge(ind string, v [2][3]int) {
	for s := range sexes {
		for a := range ages {
			c.put(ind, submission.Disaggregation{dimSex: sexes[s], dimAge: ages[a]}, v[s][a])
		}
	}
}

// options enters an indicator with one dimension, option by option.
func (c *cells) options(ind, dim string, opts []string, v []int) {
	for i, o := range opts {
		c.by(ind, dim, o, v[i])
	}
}

// rate is a rate's value as the API takes it.
func rate(num, den int) map[string]int {
	return map[string]int{"numerator": num, "denominator": den}
}

// fillRest enters plausible values in every indicator no generator touched, so
// a catalog with indicators the demo does not know still gets a complete
// form: whole numbers within bounds, rates at about 90%, entered totals
// equal to the sum of their cells, "yes" for booleans.
func (c *cells) fillRest(r interface{ IntN(int) int }) {
	for _, is := range c.spec.Indicators() {
		limit := 50
		if is.Bounds != nil && is.Bounds.Max != nil {
			limit = max(1, int(math.Min(*is.Bounds.Max, 50)))
		}
		if c.started(is) {
			continue
		}
		sum := 0
		for _, cell := range is.Cells {
			if cell.Total {
				continue
			}
			n := r.IntN(limit + 1)
			sum += n
			switch is.ValueType {
			case catalog.TypeRate:
				den := max(1, n)
				c.put(is.Code, cell.Disaggregation, rate(den*9/10, den))
			case catalog.TypeBoolean:
				c.put(is.Code, cell.Disaggregation, true)
			case catalog.TypeText:
				c.put(is.Code, cell.Disaggregation, "Không có")
			default:
				c.put(is.Code, cell.Disaggregation, n)
			}
		}
		for _, cell := range is.Cells {
			if cell.Total {
				if is.ValueType == catalog.TypeRate {
					c.put(is.Code, cell.Disaggregation, rate(sum*9/10, max(1, sum)))
				} else {
					c.put(is.Code, cell.Disaggregation, sum)
				}
			}
		}
	}
}

// started reports whether any cell of is was entered.
func (c *cells) started(is *submission.IndicatorSpec) bool {
	for _, cell := range is.Cells {
		if c.set[cell.Key] {
			return true
		}
	}
	return false
}
