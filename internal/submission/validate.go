package submission

import (
	"math"
	"strings"

	"baocao/internal/catalog"
)

// Codes of findings.
const (
	IssueMissing          = "missing"
	IssueMissingNarrative = "missing_narrative"
	IssueBelowMin         = "below_min"
	IssueAboveMax         = "above_max"
	IssueNumExceedsDen    = "numerator_exceeds_denominator"
	IssueZeroDenominator  = "zero_denominator"
	IssueTotalMismatch    = "total_mismatch"
	IssuePartExceedsTotal = "part_exceeds_total"
	IssueRule             = "rule"
	IssueChange           = "change_from_previous"
	IssueNeedsExplanation = "needs_explanation"
	// IssueNoComparison says the unit's figures are not compared with the
	// previous round on their own (a predecessor split without shares).
	IssueNoComparison = "no_comparison"
	// IssueChangeFrom is IssueChange's wording when the previous figures
	// are those of the units the unit took over; its code is IssueChange.
	IssueChangeFrom = "change_from_predecessors"
)

// SeverityInfo marks a finding that only informs: it neither blocks
// submitting nor needs an explanation.
const SeverityInfo = "info"

// Issue is a finding about saved content: an error blocks submission, a
// warning needs an explanation (by indicator) before it.
type Issue struct {
	Indicator      string         `json:"indicator,omitempty"`
	Disaggregation Disaggregation `json:"disaggregation,omitempty"`
	Key            Key            `json:"-"`
	Section        string         `json:"section,omitempty"`
	Rule           string         `json:"rule,omitempty"`
	Code           string         `json:"code"`
	Severity       string         `json:"severity"`
	Message        string         `json:"message"`
	Explained      bool           `json:"explained,omitempty"`
}

// Validate checks content against the form and its catalog's rules, and
// against the basis of the unit's previous round when there is one.
func Validate(f *FormSpec, rules []catalog.Rule, c Content, previous *Basis) []Issue {
	v := &validation{f: f, c: c}
	for _, is := range f.Indicators() {
		v.indicator(is)
	}
	for _, ns := range f.Narratives {
		if c.Narratives[ns.Code] == "" {
			v.add(Issue{Section: ns.Code, Code: IssueMissingNarrative, Severity: catalog.SeverityError, Message: message(IssueMissingNarrative)})
		}
	}
	for _, r := range rules {
		v.rule(r)
	}
	switch {
	case previous != nil && previous.AlsoCovers != "":
		v.add(Issue{Code: IssueNoComparison, Severity: SeverityInfo, Message: message(noComparisonGround, previous.AlsoCovers)})
	case previous != nil && previous.Split != "":
		v.add(Issue{Code: IssueNoComparison, Severity: SeverityInfo, Message: message(IssueNoComparison, previous.Split)})
	case previous != nil:
		for _, is := range f.Indicators() {
			v.change(is, previous)
		}
	}
	for i := range v.issues {
		if v.issues[i].Severity == catalog.SeverityWarning && c.Explanations[v.issues[i].Indicator] != "" {
			v.issues[i].Explained = true
		}
	}
	return v.issues
}

// Blocking reports whether issues prevent submission: an error, or a
// warning without an explanation.
func Blocking(issues []Issue) bool {
	for _, i := range issues {
		if i.Blocks() {
			return true
		}
	}
	return false
}

// Blocks reports whether the finding prevents submission: an error, or a
// warning without an explanation.
func (i Issue) Blocks() bool {
	return i.Severity == catalog.SeverityError || (i.Severity == catalog.SeverityWarning && !i.Explained)
}

type validation struct {
	f      *FormSpec
	c      Content
	issues []Issue
}

func (v *validation) add(i Issue) { v.issues = append(v.issues, i) }

func (v *validation) cellIssue(cell Cell, code, severity string, args ...any) {
	v.add(Issue{Indicator: cell.Indicator, Disaggregation: cell.Disaggregation, Key: cell.Key, Code: code,
		Severity: severity, Message: message(code, args...)})
}

func (v *validation) indicator(is *IndicatorSpec) {
	var sum float64
	complete := true
	var total *Cell
	for i := range is.Cells {
		cell := is.Cells[i]
		val, ok := v.c.Values[cell.Key]
		if !ok || incomplete(is.ValueType, val) {
			v.cellIssue(cell, IssueMissing, catalog.SeverityError)
			complete = false
			continue
		}
		if cell.Total {
			total = &is.Cells[i]
			continue
		}
		switch is.ValueType {
		case catalog.TypeCount, catalog.TypeNumber, catalog.TypeAmount:
			sum += *val.Number
			v.bounds(is, cell, *val.Number)
		case catalog.TypeRate:
			v.rateParts(is, cell, val)
		}
	}
	if total == nil || !complete {
		return
	}
	tv := v.c.Values[total.Key]
	if tv.Number == nil {
		return
	}
	v.bounds(is, *total, *tv.Number)
	partition := true
	for _, d := range is.Dims {
		partition = partition && d.Partition
	}
	if partition && math.Abs(sum-*tv.Number) > 1e-9 {
		v.cellIssue(*total, IssueTotalMismatch, catalog.SeverityError, Format(sum), Format(*tv.Number))
		return
	}
	if !partition {
		for _, cell := range is.Cells {
			if cell.Total {
				continue
			}
			if val := v.c.Values[cell.Key]; val.Number != nil && *val.Number > *tv.Number {
				v.cellIssue(cell, IssuePartExceedsTotal, catalog.SeverityError, Format(*tv.Number))
			}
		}
	}
}

func incomplete(valueType string, v Value) bool {
	if valueType == catalog.TypeRate {
		return v.Num == nil || v.Den == nil
	}
	return v.Empty()
}

func (v *validation) bounds(is *IndicatorSpec, cell Cell, x float64) {
	if is.Bounds == nil {
		return
	}
	if is.Bounds.Min != nil && x < *is.Bounds.Min {
		v.cellIssue(cell, IssueBelowMin, catalog.SeverityError, Format(*is.Bounds.Min))
	}
	if is.Bounds.Max != nil && x > *is.Bounds.Max {
		v.cellIssue(cell, IssueAboveMax, catalog.SeverityError, Format(*is.Bounds.Max))
	}
}

func (v *validation) rateParts(is *IndicatorSpec, cell Cell, val Value) {
	num, den := *val.Num, *val.Den
	switch {
	case den == 0 && num > 0:
		v.cellIssue(cell, IssueZeroDenominator, catalog.SeverityError)
	case is.Rate != nil && !is.Rate.MayExceed && num > den:
		v.cellIssue(cell, IssueNumExceedsDen, catalog.SeverityError, Format(num), Format(den))
	}
	if is.Bounds != nil && is.Bounds.Max != nil && den > *is.Bounds.Max {
		v.cellIssue(cell, IssueAboveMax, catalog.SeverityError, Format(*is.Bounds.Max))
	}
}

// cellNumbers maps each cell of an indicator, by its disaggregation, to its
// number; the derived total is added under "" when every cell is entered.
func (v *validation) cellNumbers(is *IndicatorSpec) (map[string]float64, bool) {
	out := map[string]float64{}
	var sum float64
	all := true
	for _, cell := range is.Cells {
		val, ok := v.c.Values[cell.Key]
		if !ok || val.Number == nil {
			all = false
			continue
		}
		id := breakdownID(cell)
		out[id] = *val.Number
		if !cell.Total {
			sum += *val.Number
		}
	}
	if _, entered := out[""]; !entered && all {
		out[""] = sum
	}
	return out, all
}

// breakdownID identifies a cell's breakdown within its indicator: its key
// without the indicator code ("" for the total). The indicators a rule
// compares have the same dimensions in the same order (the catalog checks
// it), so equal IDs are the same breakdown.
func breakdownID(c Cell) string {
	return strings.TrimPrefix(string(c.Key), c.Indicator)
}

// rule applies a catalog rule cell by cell where every indicator it names
// is on the form; the finding goes on the part.
func (v *validation) rule(r catalog.Rule) {
	whole, ok := v.f.Indicator(r.Whole)
	if !ok {
		return
	}
	var parts []*IndicatorSpec
	for _, p := range r.Parts {
		is, ok := v.f.Indicator(p)
		if !ok {
			return
		}
		parts = append(parts, is)
	}
	wholeNums, _ := v.cellNumbers(whole)
	partNums := make([]map[string]float64, len(parts))
	for i, p := range parts {
		partNums[i], _ = v.cellNumbers(p)
	}
	for _, cell := range append([]Cell{{Indicator: whole.Code, Disaggregation: Disaggregation{}}}, whole.Cells...) {
		id := breakdownID(cell)
		w, ok := wholeNums[id]
		if !ok {
			continue
		}
		var sum float64
		complete := true
		for _, pn := range partNums {
			x, ok := pn[id]
			complete = complete && ok
			sum += x
		}
		if !complete {
			continue
		}
		broken := (r.Kind == catalog.RulePartOf && sum > w+1e-9) || (r.Kind == catalog.RuleSumEquals && math.Abs(sum-w) > 1e-9)
		if broken {
			target := parts[0]
			v.add(Issue{Indicator: target.Code, Disaggregation: cell.Disaggregation,
				Key: CellKey(target.Code, target.Indicator.Dimensions, cell.Disaggregation), Rule: r.Code,
				Code: IssueRule, Severity: r.Severity, Message: message(IssueRule, r.Message)})
			if cell.Disaggregation == nil || len(cell.Disaggregation) == 0 {
				// The totals disagree; cell findings would repeat it.
				return
			}
		}
	}
}

// IndicatorTotal is an indicator's overall value in content: the entered
// or derived total, or the rate of summed parts, in its unit of measure.
func IndicatorTotal(is *IndicatorSpec, c Content) (float64, bool) { return indicatorTotal(is, c) }

func indicatorTotal(is *IndicatorSpec, c Content) (float64, bool) {
	a, ok := amountOf(is, c)
	if !ok {
		return 0, false
	}
	return a.Value(rateScale(is))
}

// rateScale is what a rate indicator's numerator over denominator is
// multiplied by (100 for a percentage).
func rateScale(is *IndicatorSpec) float64 {
	if is.Rate != nil {
		return is.Rate.Scale
	}
	return 100
}
