package xlsx

import (
	"strings"

	"baocao/internal/catalog"
	"baocao/internal/consolidate"
	"baocao/internal/submission"
)

// row is one indicator cell as the tables list it.
type row struct {
	ind  consolidate.IndicatorInfo
	cell consolidate.Cell
	// parts is, on the derived total of a dimensioned indicator, how many
	// of its parts follow it; the sheets then show the total as their sum.
	parts int
}

// isTotal reports whether the row is a dimensioned indicator's total.
func (r row) isTotal() bool {
	return len(r.ind.Dims) > 0 && len(r.cell.Disaggregation) == 0
}

// cellRows lists the snapshot's cells grouped by indicator, indicators in
// catalogue order, so that a derived total is directly followed by its parts.
func cellRows(s *consolidate.Snapshot) []row {
	byInd := map[string][]consolidate.Cell{}
	for _, c := range s.Cells {
		byInd[c.Indicator] = append(byInd[c.Indicator], c)
	}
	var rows []row
	for _, ind := range s.Indicators {
		cells := byInd[ind.Code]
		for i, c := range cells {
			r := row{ind: ind, cell: c}
			if i == 0 && r.isTotal() && ind.Total == catalog.TotalDerived && summable(ind.ValueType) {
				r.parts = len(cells) - 1
			}
			rows = append(rows, r)
		}
	}
	return rows
}

// summable says the province figure of the type is a sum a formula may
// redo from the parts.
func summable(valueType string) bool {
	switch valueType {
	case catalog.TypeCount, catalog.TypeNumber, catalog.TypeAmount, catalog.TypeRate:
		return true
	}
	return false
}

// breakdown is the disaggregation in words: option names in dimension
// order, "Tổng số" for the indicator's total.
func breakdown(ind consolidate.IndicatorInfo, d submission.Disaggregation) string {
	if len(d) == 0 {
		return msgTotal
	}
	var names []string
	for _, dim := range ind.Dims {
		code, ok := d[dim.Code]
		if !ok {
			continue
		}
		name := code
		for _, o := range dim.Options {
			if o.Code == code {
				name = o.Name
				break
			}
		}
		names = append(names, name)
	}
	return strings.Join(names, ", ")
}

// breakdownCodes is the disaggregation as "DIM=OPT; …" in dimension order.
func breakdownCodes(ind consolidate.IndicatorInfo, d submission.Disaggregation) string {
	var parts []string
	for _, dim := range ind.Dims {
		if code, ok := d[dim.Code]; ok {
			parts = append(parts, dim.Code+"="+code)
		}
	}
	return strings.Join(parts, "; ")
}

// figure is the one number a value stands for: the number, a rate's value
// in its unit of measure, 1 or 0 for yes or no; false for texts and
// incomplete rates.
func figure(ind consolidate.IndicatorInfo, v submission.Value) (float64, bool) {
	switch {
	case v.Number != nil:
		return *v.Number, true
	case v.Bool != nil:
		if *v.Bool {
			return 1, true
		}
		return 0, true
	case ind.Rate != nil:
		return v.Ratio(scale(ind))
	}
	return 0, false
}

// unitCell is a unit's value as a matrix cell shows it.
func unitCell(ind consolidate.IndicatorInfo, v submission.Value) any {
	switch {
	case v.Text != nil:
		return *v.Text
	case v.Bool != nil:
		if *v.Bool {
			return msgYes
		}
		return msgNo
	}
	if f, ok := figure(ind, v); ok {
		return f
	}
	return nil
}

// scale is the rate's multiplier, 1 when the catalogue gives none.
func scale(ind consolidate.IndicatorInfo) float64 {
	if ind.Rate == nil || ind.Rate.Scale == 0 {
		return 1
	}
	return ind.Rate.Scale
}

// uom is the unit of measure of the province figure: booleans are
// counted as units answering yes.
func uom(ind consolidate.IndicatorInfo, province bool) string {
	if province && ind.ValueType == catalog.TypeBoolean {
		return msgYesUnits
	}
	return ind.UnitOfMeasure
}
