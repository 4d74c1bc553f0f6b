package web

import (
	"strings"

	"baocao/internal/catalog"
	"baocao/internal/intake"
	"baocao/internal/submission"
)

// The view model of the data entry form: the template only lays it out.

type formCell struct {
	// Name is the input's name, and its id (summaries link to it); empty
	// for a computed cell.
	Name    string
	Value   string
	Kind    string // number, text, bool, sum (of the row's inputs), ratio
	Invalid bool
	Title   string
	// Scale turns a ratio cell's ratio into its unit of measure.
	Scale float64
}

type formRow struct {
	Label string
	Cells []formCell
	Total bool
}

type formIssue struct {
	Label   string
	Message string
	Warning bool
}

type formIndicator struct {
	Code, Name, Unit string
	Header           []string
	Rows             []formRow
	Issues           []formIssue
	Explain          bool
	Explanation      string
	Rate             *catalog.RateSpec
}

type formSection struct {
	Title      string
	Indicators []formIndicator
}

type formNarrative struct {
	Code, Title, Guidance, Text string
	Missing                     bool
}

// formInputs are the texts shown in inputs: stored values, or what the
// user typed when a save was refused.
type formInputs map[string]string

func inputName(k submission.Key, part string) string {
	if part != "" {
		return "v|" + string(k) + "|" + part
	}
	return "v|" + string(k)
}

// inputsFrom formats stored content for the inputs.
func inputsFrom(c submission.Content) formInputs {
	in := formInputs{}
	for k, v := range c.Values {
		switch {
		case v.Number != nil:
			in[inputName(k, "")] = submission.Format(*v.Number)
		case v.Num != nil || v.Den != nil:
			if v.Num != nil {
				in[inputName(k, submission.PartNumerator)] = submission.Format(*v.Num)
			}
			if v.Den != nil {
				in[inputName(k, submission.PartDenominator)] = submission.Format(*v.Den)
			}
		case v.Text != nil:
			in[inputName(k, "")] = *v.Text
		case v.Bool != nil:
			in[inputName(k, "")] = map[bool]string{true: "có", false: "không"}[*v.Bool]
		}
	}
	return in
}

// buildFormSections lays out every indicator of the form with the inputs'
// texts, its findings and malformed-input errors next to the cells;
// explanations typed into a refused form replace the stored ones.
func buildFormSections(v *intake.View, in formInputs, bad map[string]string, explanations map[string]string) []formSection {
	byKey := map[submission.Key][]submission.Issue{}
	for _, is := range v.Issues {
		byKey[is.Key] = append(byKey[is.Key], is)
	}
	var out []formSection
	for _, sec := range v.Spec.Sections {
		fs := formSection{Title: sec.TaskGroup.Code + ". " + sec.TaskGroup.Title}
		for i := range sec.Indicators {
			fi := buildIndicator(v, &sec.Indicators[i], in, bad, byKey)
			if text, ok := explanations[fi.Code]; ok {
				fi.Explanation, fi.Explain = text, fi.Explain || text != ""
			}
			fs.Indicators = append(fs.Indicators, fi)
		}
		out = append(out, fs)
	}
	return out
}

func buildIndicator(v *intake.View, is *submission.IndicatorSpec, in formInputs, bad map[string]string,
	byKey map[submission.Key][]submission.Issue) formIndicator {
	fi := formIndicator{Code: is.Code, Name: is.Name, Unit: is.UnitOfMeasure, Rate: is.Rate,
		Explanation: v.Content.Explanations[is.Code]}
	mk := func(k submission.Key, part string) formCell {
		name := inputName(k, part)
		c := formCell{Name: name, Value: in[name], Kind: kindOf(is.ValueType)}
		if msg, ok := bad[name]; ok {
			c.Invalid, c.Title = true, msg
		}
		for _, issue := range byKey[k] {
			if issue.Severity == catalog.SeverityError && issue.Code != submission.IssueMissing {
				c.Invalid, c.Title = true, issue.Message
			}
		}
		return c
	}
	switch {
	case is.ValueType == catalog.TypeRate:
		fi.Header = []string{"", is.Rate.Numerator, is.Rate.Denominator, "Tỷ lệ (" + is.UnitOfMeasure + ")"}
		for _, cell := range is.Cells {
			ratio := ""
			if r, ok := v.Content.Values[cell.Key].Ratio(is.Rate.Scale); ok {
				ratio = submission.Format(round2(r))
			}
			fi.Rows = append(fi.Rows, formRow{Label: cell.Label(), Total: cell.Total, Cells: []formCell{
				mk(cell.Key, submission.PartNumerator), mk(cell.Key, submission.PartDenominator), {Kind: "ratio", Value: ratio, Scale: is.Rate.Scale}}})
		}
	case len(is.Dims) == 0:
		fi.Header = []string{"", "Giá trị"}
		fi.Rows = []formRow{{Cells: []formCell{mk(is.Cells[0].Key, "")}}}
	default:
		gridRows(&fi, v, is, mk)
	}
	for _, cell := range is.Cells {
		for _, issue := range byKey[cell.Key] {
			if issue.Code == submission.IssueMissing {
				continue
			}
			fi.Issues = append(fi.Issues, formIssue{Label: cell.Label(), Message: issue.Message, Warning: issue.Severity == catalog.SeverityWarning})
			fi.Explain = fi.Explain || issue.Severity == catalog.SeverityWarning
		}
		for _, part := range []string{"", submission.PartNumerator, submission.PartDenominator} {
			if msg, ok := bad[inputName(cell.Key, part)]; ok {
				fi.Issues = append(fi.Issues, formIssue{Label: cell.Label(), Message: msg})
			}
		}
	}
	if issues := byKey[submission.CellKey(is.Code, nil, nil)]; len(is.Dims) > 0 {
		for _, issue := range issues {
			if issue.Code == submission.IssueChange {
				fi.Issues = append(fi.Issues, formIssue{Label: "Tổng", Message: issue.Message, Warning: true})
				fi.Explain = true
			}
		}
	}
	fi.Explain = fi.Explain || fi.Explanation != ""
	return fi
}

// gridRows lays an indicator out as a grid: the dimension with the fewest
// options across (so wide breakdowns run down the page), the other
// dimensions' combinations down, with derived totals when the options
// across partition.
func gridRows(fi *formIndicator, v *intake.View, is *submission.IndicatorSpec, mk func(submission.Key, string) formCell) {
	across := len(is.Dims) - 1
	for i, d := range is.Dims {
		if len(d.Options) < len(is.Dims[across].Options) {
			across = i
		}
	}
	ad := is.Dims[across]
	fi.Header = []string{""}
	for _, o := range ad.Options {
		fi.Header = append(fi.Header, o.Name)
	}
	sums := ad.Partition && is.ValueType != catalog.TypeText && is.ValueType != catalog.TypeBoolean
	if sums {
		fi.Header = append(fi.Header, "Cộng")
	}
	byKey := map[submission.Key]submission.Cell{}
	var total *submission.Cell
	for i, c := range is.Cells {
		if c.Total {
			total = &is.Cells[i]
			continue
		}
		byKey[c.Key] = c
	}
	if total != nil {
		fi.Rows = append(fi.Rows, formRow{Label: "Tổng số", Total: true, Cells: []formCell{mk(total.Key, "")}})
	}
	// Rows: every combination of the other dimensions, in catalog order.
	var walk func(i int, d submission.Disaggregation, labels []string)
	walk = func(i int, d submission.Disaggregation, labels []string) {
		if i == len(is.Dims) {
			row := formRow{Label: strings.Join(labels, ", ")}
			var sum float64
			complete := true
			for _, o := range ad.Options {
				dd := submission.Disaggregation{ad.Code: o.Code}
				for k, val := range d {
					dd[k] = val
				}
				key := submission.CellKey(is.Code, is.Indicator.Dimensions, dd)
				row.Cells = append(row.Cells, mk(byKey[key].Key, ""))
				if val := v.Content.Values[key]; val.Number != nil {
					sum += *val.Number
				} else {
					complete = false
				}
			}
			fi.Rows = append(fi.Rows, finishRow(row, sums, sum, complete))
			return
		}
		if i == across {
			walk(i+1, d, labels)
			return
		}
		for _, o := range is.Dims[i].Options {
			d[is.Dims[i].Code] = o.Code
			walk(i+1, d, append(labels, o.Name))
		}
		delete(d, is.Dims[i].Code)
	}
	walk(0, submission.Disaggregation{}, nil)
}

func finishRow(r formRow, sums bool, sum float64, complete bool) formRow {
	if sums {
		c := formCell{Kind: "sum"}
		if complete {
			c.Value = submission.Format(sum)
		}
		r.Cells = append(r.Cells, c)
	}
	return r
}

func kindOf(valueType string) string {
	switch valueType {
	case catalog.TypeText:
		return "text"
	case catalog.TypeBoolean:
		return "bool"
	}
	return "number"
}

func round2(f float64) float64 {
	return float64(int64(f*100+0.5)) / 100
}

func buildNarratives(v *intake.View, typed map[string]string) []formNarrative {
	var out []formNarrative
	for _, ns := range v.Spec.Narratives {
		text := v.Content.Narratives[ns.Code]
		if t, ok := typed[ns.Code]; ok {
			text = t
		}
		out = append(out, formNarrative{Code: ns.Code, Title: ns.Title, Guidance: ns.Guidance, Text: text, Missing: text == ""})
	}
	return out
}

// showValue shows a stored value (as the history's JSON holds it) to people.
func showValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case float64:
		return submission.Format(x)
	case bool:
		return map[bool]string{true: "Có", false: "Không"}[x]
	case string:
		if len([]rune(x)) > 200 {
			return string([]rune(x)[:200]) + "…"
		}
		return x
	case map[string]any:
		num, den := "?", "?"
		if n, ok := x["numerator"].(float64); ok {
			num = submission.Format(n)
		}
		if d, ok := x["denominator"].(float64); ok {
			den = submission.Format(d)
		}
		return num + " / " + den
	}
	return ""
}
