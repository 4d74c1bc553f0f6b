package catalog

import (
	"slices"
	"strings"
)

func (v *validator) dimensions() {
	seen := map[string]int{}
	for i := range v.c.Dimensions {
		d := &v.c.Dimensions[i]
		if v.code(seen, "phân tổ", d.Pos, d.Code) {
			v.dims[d.Code] = d
		}
		v.required(d.Pos, "name", d.Name)
		if len(d.Options) == 0 {
			v.r.at(d.Pos, "options", msgNoOptions, d.Code)
		}
		seenOpt := map[string]int{}
		for _, o := range d.Options {
			v.code(seenOpt, "phương án", o.Pos, o.Code)
			v.required(o.Pos, "name", o.Name)
		}
	}
}

// aggregationFor is the only aggregation that fits each value type.
var aggregationFor = map[string]string{
	TypeCount: AggSum, TypeNumber: AggSum, TypeAmount: AggSum,
	TypeRate: AggRatio, TypeText: AggCollect, TypeBoolean: AggCountTrue,
}

func (v *validator) indicatorList() {
	seen := map[string]int{}
	for i := range v.c.Indicators {
		ind := &v.c.Indicators[i]
		if v.code(seen, "chỉ tiêu", ind.Pos, ind.Code) {
			v.indicators[ind.Code] = ind
		}
		p := ind.Pos
		for _, f := range [][2]string{
			{"name", ind.Name}, {"area", ind.Area}, {"concept", ind.Concept}, {"method", ind.Method},
			{"unit_of_measure", ind.UnitOfMeasure}, {"period", ind.Period}, {"source", ind.Source},
		} {
			v.required(p, f[0], f[1])
		}
		if ind.TaskGroup == "" {
			v.r.at(p, "task_group", msgRequired, "task_group")
		} else if !v.taskGroups[ind.TaskGroup] {
			v.r.at(p, "task_group", msgUnknownRef, "nhóm nhiệm vụ", ind.TaskGroup)
		}
		if ind.Lead == "" {
			v.r.at(p, "lead", msgRequired, "lead")
		}
		v.unitRef(p, "lead", ind.Lead)
		for _, s := range ind.Supporting {
			v.unitRef(p, "supporting", s)
		}
		v.noRepeats(p, "dimensions", "phân tổ", ind.Dimensions)
		var nonPartition string
		for _, dc := range ind.Dimensions {
			d := v.dims[dc]
			if d == nil {
				v.r.at(p, "dimensions", msgUnknownRef, "phân tổ", dc)
				continue
			}
			if !d.Partition && nonPartition == "" {
				nonPartition = dc
			}
		}
		if ind.Total == "" {
			ind.Total = TotalDerived
		}
		if v.enum(p, "total", ind.Total, TotalDerived, TotalEntered) && ind.Total == TotalDerived && nonPartition != "" {
			v.r.at(p, "total", msgDerivedTotal, nonPartition)
		}
		if !v.enum(p, "value_type", ind.ValueType, TypeCount, TypeNumber, TypeAmount, TypeRate, TypeText, TypeBoolean) {
			continue
		}
		if want := aggregationFor[ind.ValueType]; ind.Aggregation != want {
			if ind.Aggregation == "" {
				v.r.at(p, "aggregation", msgRequired, "aggregation")
			} else {
				v.r.at(p, "aggregation", msgAggregation, ind.Aggregation, ind.ValueType, want)
			}
		}
		switch {
		case ind.ValueType == TypeRate && (ind.Rate == nil || ind.Rate.Numerator == "" || ind.Rate.Denominator == ""):
			v.r.at(p, "rate", msgRateMissing)
		case ind.ValueType == TypeRate && ind.Rate.Scale <= 0:
			v.r.at(ind.Rate.Pos, "scale", msgRateScale)
		case ind.ValueType != TypeRate && ind.Rate != nil:
			v.r.at(p, "rate", msgRateNotAllowed)
		}
		if b := ind.Bounds; b != nil {
			switch {
			case ind.ValueType == TypeText || ind.ValueType == TypeBoolean:
				v.r.at(p, "bounds", msgBoundsNotNumeric, ind.ValueType)
			case b.Min != nil && b.Max != nil && *b.Min > *b.Max:
				v.r.at(b.Pos, "min", msgBoundsOrder, *b.Min, *b.Max)
			case (ind.ValueType == TypeCount || ind.ValueType == TypeRate) && b.Min != nil && *b.Min < 0:
				v.r.at(b.Pos, "min", msgBoundsNegative, *b.Min)
			case (ind.ValueType == TypeCount || ind.ValueType == TypeRate) && b.Max != nil && *b.Max < 0:
				v.r.at(b.Pos, "max", msgBoundsNegative, *b.Max)
			}
		}
		if ind.ChangeWarning != nil && *ind.ChangeWarning <= 0 {
			v.r.at(p, "change_warning", msgChangeWarning)
		}
	}
}

func (v *validator) rules() {
	seen := map[string]int{}
	for _, rule := range v.c.Rules {
		p := rule.Pos
		v.code(seen, "quy tắc", p, rule.Code)
		v.required(p, "message", rule.Message)
		v.enum(p, "severity", rule.Severity, SeverityError, SeverityWarning)
		if !v.enum(p, "kind", rule.Kind, RulePartOf, RuleSumEquals) {
			continue
		}
		if len(rule.Parts) == 0 {
			v.r.at(p, "parts", msgRequired, "parts")
		} else if rule.Kind == RulePartOf && len(rule.Parts) != 1 {
			v.r.at(p, "parts", msgRulePartsOne)
		}
		whole := v.ruleIndicator(p, "whole", rule.Whole)
		if rule.Whole == "" {
			v.r.at(p, "whole", msgRequired, "whole")
		}
		v.noRepeats(p, "parts", "chỉ tiêu", rule.Parts)
		for _, code := range rule.Parts {
			if code == rule.Whole {
				v.r.at(p, "parts", msgRuleSelf, code)
				continue
			}
			part := v.ruleIndicator(p, "parts", code)
			if part != nil && whole != nil && !slices.Equal(part.Dimensions, whole.Dimensions) {
				v.r.at(p, "parts", msgRuleDims, part.Code, whole.Code, strings.Join(whole.Dimensions, ", "))
			}
		}
	}
}

// ruleIndicator resolves an indicator a rule compares, which must be numeric.
func (v *validator) ruleIndicator(p Pos, field, code string) *Indicator {
	if code == "" {
		return nil
	}
	ind := v.indicators[code]
	if ind == nil {
		v.r.at(p, field, msgUnknownRef, "chỉ tiêu", code)
		return nil
	}
	switch ind.ValueType {
	case TypeCount, TypeNumber, TypeAmount:
		return ind
	}
	v.r.at(p, field, msgRuleType, code, ind.ValueType)
	return nil
}
