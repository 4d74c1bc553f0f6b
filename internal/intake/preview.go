package intake

import (
	"context"

	"baocao/internal/access"
	"baocao/internal/domain"
	"baocao/internal/postgres"
	"baocao/internal/submission"
)

// Preview makes v show a change that Save refused for refused, its
// malformed entries: the well-formed part applied, each malformed cell
// empty, and the findings of that content. A form shown again after a
// refusal then totals and checks what the user typed, not what is stored.
// Nothing is saved.
func (v *View) Preview(ch submission.Change, refused []submission.ValueError) {
	bad := map[string]bool{}
	for _, e := range refused {
		if e.Where != "" {
			bad[e.Where] = true
		}
		if e.Field != "" {
			bad[e.Field] = true
		}
	}
	clean := submission.Change{Narratives: map[string]string{}, Explanations: map[string]string{}}
	for _, e := range ch.Entries {
		if bad[e.Where] {
			empty := ""
			e.Text, e.JSON = &empty, nil // what cannot be read counts as not entered
		}
		clean.Entries = append(clean.Entries, e)
	}
	for k, text := range ch.Narratives {
		if !bad["narratives."+k] {
			clean.Narratives[k] = text
		}
	}
	for k, text := range ch.Explanations {
		if !bad["explanations."+k] {
			clean.Explanations[k] = text
		}
	}
	content, errs := submission.Apply(v.Spec, v.Content, clean)
	if len(errs) > 0 {
		return // a refusal Apply did not report: show what is stored
	}
	v.Content = content
	v.Issues = submission.Validate(v.Spec, v.Catalog.Rules, content, v.Previous)
}

// Changes are the differences between two revisions of a submission.
type Changes struct {
	// From and To are the revisions compared (the same one when it was
	// submitted again unchanged); From is 0 when To is the first revision
	// submitted, and List is then empty.
	From, To int
	List     []submission.CellChange
}

// SinceLastSubmitted is what a reviewer has not seen yet of v: the
// changes of the revision submitted last against the one submitted
// before it (returned, or withdrawn by the unit). To is 0 while nothing
// was submitted.
func (s *Service) SinceLastSubmitted(ctx context.Context, u access.User, v *View) (Changes, error) {
	if !access.Allow(u, access.ReadSubmission, v.Sub.UnitCode) {
		return Changes{}, domain.ErrForbidden
	}
	events, err := postgres.ListEvents(ctx, s.pool, v.Sub.ID)
	if err != nil {
		return Changes{}, err
	}
	var submitted []int
	for _, e := range events {
		if e.Kind == "submitted" {
			submitted = append(submitted, e.Revision)
		}
	}
	var ch Changes
	switch n := len(submitted); n {
	case 0:
		return ch, nil
	case 1:
		ch.To = submitted[0]
		return ch, nil
	default:
		ch.From, ch.To = submitted[n-2], submitted[n-1]
	}
	old, err := s.revisionContent(ctx, s.pool, v.Sub.ID, ch.From)
	if err != nil {
		return Changes{}, err
	}
	cur, err := s.revisionContent(ctx, s.pool, v.Sub.ID, ch.To)
	if err != nil {
		return Changes{}, err
	}
	ch.List = submission.Diff(old, cur)
	return ch, nil
}
