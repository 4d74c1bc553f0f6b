package web

import (
	"fmt"
	"net/http"
	"strings"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/intake"
	"baocao/internal/submission"
)

// formProblem is one problem of a report as a summary lists it: the id
// of the field to fix (an input's name, "n|CODE" for a narrative, "e|CODE"
// for an explanation, an indicator's code for its box; "" when it has no
// field), what it is about and what is wrong.
type formProblem struct {
	Target  string
	Label   string
	Message string
	// Warning marks a warning (else an error); Explanation is the unit's
	// explanation of it, if any.
	Warning     bool
	Explanation string
}

// reviewBox is what staff decide a report on, at the top of its page: its
// findings with the unit's explanations, what changed since the revision
// submitted before, and the decision's form (refused or not).
type reviewBox struct {
	Findings []formProblem
	Changes  intake.Changes
	// Labels name the changes' keys.
	Labels map[string]string
	Form   refusal
}

// reviewBoxOf builds v's review box for u.
func (s *Server) reviewBoxOf(r *http.Request, u access.User, v *intake.View) (*reviewBox, error) {
	ch, err := s.deps.Intake.SinceLastSubmitted(r.Context(), u, v)
	if err != nil {
		return nil, err
	}
	box := &reviewBox{Changes: ch, Labels: contentLabels(v.Spec)}
	for _, i := range v.Issues {
		if i.Severity == submission.SeverityInfo {
			continue
		}
		p := issueProblem(v, i)
		p.Warning = i.Severity == catalog.SeverityWarning
		if p.Warning {
			p.Explanation = v.Content.Explanations[i.Indicator]
		}
		box.Findings = append(box.Findings, p)
	}
	return box, nil
}

// indicatorLabel names an indicator, and a cell of it when it has
// dimensions: "BV01 Số trẻ em… — Nam".
func indicatorLabel(is *submission.IndicatorSpec, cell *submission.Cell) string {
	l := is.Code + " " + is.Name
	if cell != nil && cell.Label() != "" {
		l += " — " + cell.Label()
	}
	return l
}

// contentLabels names every key of a form's content as people read them:
// cells, narratives, and indicators (whose explanations are keyed by
// code).
func contentLabels(spec *submission.FormSpec) map[string]string {
	labels := map[string]string{}
	for _, is := range spec.Indicators() {
		labels[is.Code] = indicatorLabel(is, nil)
		for i := range is.Cells {
			labels[string(is.Cells[i].Key)] = indicatorLabel(is, &is.Cells[i])
		}
	}
	for _, n := range spec.Narratives {
		labels[n.Code] = n.Title
	}
	return labels
}

// valueProblems are the values a save refused, each linked to its input.
func valueProblems(v *intake.View, errs []submission.ValueError) []formProblem {
	var out []formProblem
	for _, e := range errs {
		p := formProblem{Target: e.Where, Message: e.Message}
		switch {
		case strings.HasPrefix(e.Field, "narratives."):
			code := strings.TrimPrefix(e.Field, "narratives.")
			p.Target, p.Label = "n|"+code, narrativeTitle(v.Spec, code)
		case strings.HasPrefix(e.Field, "explanations."):
			code := strings.TrimPrefix(e.Field, "explanations.")
			p.Target, p.Label = "e|"+code, fmt.Sprintf(msgExplanationOf, code)
		default:
			p.Label = e.Indicator
			if is, ok := v.Spec.Indicator(e.Indicator); ok {
				cell, _ := v.Spec.Cell(submission.CellKey(is.Code, is.Indicator.Dimensions, e.Disaggregation))
				p.Label = indicatorLabel(is, cell) + partLabel(is, e.Where)
			}
		}
		out = append(out, p)
	}
	return out
}

// partLabel names the part of a rate an input holds: " (tử số: …)".
func partLabel(is *submission.IndicatorSpec, input string) string {
	switch {
	case is.Rate == nil:
		return ""
	case strings.HasSuffix(input, "|"+submission.PartNumerator):
		return " (" + is.Rate.Numerator + ")"
	case strings.HasSuffix(input, "|"+submission.PartDenominator):
		return " (" + is.Rate.Denominator + ")"
	}
	return ""
}

// blockingProblems are the findings that keep v from being submitted,
// each linked to what fixes it.
func blockingProblems(v *intake.View) []formProblem {
	var out []formProblem
	for _, i := range v.Issues {
		if i.Blocks() {
			out = append(out, issueProblem(v, i))
		}
	}
	return out
}

// issueProblem is a finding as summaries list it: a narrative links to its
// text, an unexplained warning to its explanation, a cell to its input, an
// indicator to its box.
func issueProblem(v *intake.View, i submission.Issue) formProblem {
	p := formProblem{Message: i.Message}
	if i.Section != "" {
		p.Target, p.Label = "n|"+i.Section, narrativeTitle(v.Spec, i.Section)
		return p
	}
	is, ok := v.Spec.Indicator(i.Indicator)
	if !ok {
		return p // a rule of the whole form: no field to point to
	}
	cell, hasCell := v.Spec.Cell(i.Key)
	if !hasCell {
		cell = nil
	}
	p.Label = indicatorLabel(is, cell)
	switch {
	case i.Severity == catalog.SeverityWarning:
		p.Target = "e|" + is.Code
	case !hasCell:
		p.Target = is.Code
	case is.ValueType == catalog.TypeRate:
		p.Target = inputName(i.Key, submission.PartNumerator)
	default:
		p.Target = inputName(i.Key, "")
	}
	return p
}

func narrativeTitle(spec *submission.FormSpec, code string) string {
	for _, n := range spec.Narratives {
		if n.Code == code {
			return n.Title
		}
	}
	return code
}
