package pdf

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/consolidate"
	"baocao/internal/submission"
)

// zone is where report dates are read; a report dated at 23:30 UTC on
// 4 November is dated 5 November in Kiên Giang.
var zone = catalog.Vietnam

// placeDate is the Decree 30 date line of instant t, dated in Vietnam's
// time zone.
func placeDate(place string, t time.Time) string { return catalog.DateLine(place, t.In(zone)) }

// shortDate is dd/mm/yyyy in Vietnam's time zone.
func shortDate(t time.Time) string {
	return t.In(zone).Format("02/01/2006")
}

// dateTime is a submission instant in Vietnam's time zone.
func dateTime(t time.Time) string {
	return t.In(zone).Format("15:04 02/01/2006")
}

// roman numbers headings and appendices (I, II, III, IV ...).
func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// decimal2 shows a rate with two decimals, Vietnamese style ("98,16").
func decimal2(f float64) string {
	return submission.Format(float64(int64(f*100+0.5)) / 100)
}

// fixed2 keeps both decimals even when they are zeros ("65,00").
func fixed2(f float64) string {
	s := decimal2(f)
	whole, frac, _ := strings.Cut(s, ",")
	for len(frac) < 2 {
		frac += "0"
	}
	return whole + "," + frac
}

// rateSuffix is the sign printed after a rate for its unit of measure.
func rateSuffix(uom string) string {
	switch strings.TrimSpace(uom) {
	case "%":
		return "%"
	case "‰":
		return "‰"
	}
	return ""
}

// formatValue shows a province or unit value of ind the way the report
// prints it; ok is false when there is nothing to show.
func formatValue(ind consolidate.IndicatorInfo, v *submission.Value) (string, bool) {
	if v == nil || v.Empty() {
		return "", false
	}
	switch {
	case ind.ValueType == catalog.TypeRate:
		r, ok := consolidate.Rate(ind, v)
		if !ok {
			return "", false
		}
		return fixed2(r) + rateSuffix(ind.UnitOfMeasure), true
	case v.Number != nil && ind.ValueType == catalog.TypeBoolean:
		return fmt.Sprintf(msgUnitsYes, submission.Format(*v.Number)), true
	case v.Number != nil:
		return submission.Format(*v.Number), true
	case v.Bool != nil:
		if *v.Bool {
			return msgIncluded, true
		}
		return msgExcluded, true
	case v.Text != nil:
		return *v.Text, true
	}
	return "", false
}

// totalCell is the cell standing for the whole indicator: the one without
// breakdown, or the only cell there is.
func totalCell(s *consolidate.Snapshot, code string) (consolidate.Cell, bool) {
	cells := s.CellsOf(code)
	for _, c := range cells {
		if len(c.Disaggregation) == 0 {
			return c, true
		}
	}
	if len(cells) == 1 {
		return cells[0], true
	}
	return consolidate.Cell{}, false
}

// cellLabel names a cell's breakdown by its options ("Nam, Từ 0 đến dưới 6 tuổi").
func cellLabel(ind consolidate.IndicatorInfo, c consolidate.Cell) string {
	var parts []string
	for _, d := range ind.Dims {
		code, ok := c.Disaggregation[d.Code]
		if !ok {
			continue
		}
		name := code
		for _, o := range d.Options {
			if o.Code == code {
				name = o.Name
			}
		}
		parts = append(parts, name)
	}
	return strings.Join(parts, ", ")
}

var percentRe = regexp.MustCompile(`(\d+(?:[.,]\d+)?)\s*%`)

// targetPercent is the first percentage of a target text ("≥ 65% năm 2025" → 65).
func targetPercent(target string) (float64, bool) {
	m := percentRe.FindStringSubmatch(target)
	if m == nil {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", "."), 64)
	return f, err == nil
}

// changeText is an indicator's year-on-year change as the key figures
// print it: "+3,2%" for a sum, "+0,40 điểm %" for a rate, "–" when it
// cannot be compared.
func changeText(ind consolidate.IndicatorInfo, cmp *consolidate.Comparison, code string) string {
	ch, ok := cmp.ChangeOf(code)
	if !ok {
		return msgNoData
	}
	d, points, ok := ch.Delta(ind)
	if !ok {
		return msgNoData
	}
	sign := "+"
	if d < 0 {
		sign, d = "−", -d
	}
	if points {
		return sign + fixed2(d) + " " + fmt.Sprintf(msgPoints, rateSuffix(ind.UnitOfMeasure))
	}
	return sign + decimal1(d*100) + "%"
}

// decimal1 shows a figure with one decimal, Vietnamese style ("3,2").
func decimal1(f float64) string {
	s := submission.Format(float64(int64(f*10+0.5)) / 10)
	if !strings.Contains(s, ",") {
		s += ",0"
	}
	return s
}

// coverage is how many units a total is made of (those with a value in the
// cell) out of the units the round expected.
func (r *renderer) coverage(c consolidate.Cell) (n, expected int) {
	expected = r.s.Completeness.Expected
	if expected == 0 {
		expected = len(r.s.Units)
	}
	for _, v := range c.Units {
		if !v.Empty() {
			n++
		}
	}
	return n, expected
}

// partial says a cell's total does not cover every expected unit, and
// over how many it runs; a cell without a total is not a partial total.
func (r *renderer) partial(c consolidate.Cell) (n, expected int, ok bool) {
	if c.Total == nil || c.Total.Empty() {
		return 0, 0, false
	}
	n, expected = r.coverage(c)
	return n, expected, n < expected
}

// coverageNote is the label of a partial total ("Tổng số của 11/31 đơn vị
// đã được tiếp nhận"), "" for a total of every expected unit.
func (r *renderer) coverageNote(c consolidate.Cell) string {
	if n, expected, ok := r.partial(c); ok {
		return fmt.Sprintf(msgCoverage, n, expected)
	}
	return ""
}
