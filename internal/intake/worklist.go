package intake

import (
	"context"
	"slices"
	"time"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/postgres"
	"baocao/internal/submission"
)

// UnitRound is a round a unit reports in, with the unit's submission, as
// the unit's home page lists it.
type UnitRound struct {
	Round   domain.Round
	Catalog *catalog.Catalog
	Unit    catalog.Unit
	// Sub carries the name of who last reviewed it (ReviewerName).
	Sub domain.Submission
}

// UnitRounds are the rounds u reports in at present: those open to u's
// unit (OpenTo: open, or locked and reopened for the unit), the soonest
// deadline first. Only an agency reports; anyone else is refused.
func (s *Service) UnitRounds(ctx context.Context, u access.User) ([]UnitRound, error) {
	if u.Unit == "" || !access.Allow(u, access.WriteSubmission, u.Unit) {
		return nil, domain.ErrForbidden
	}
	scope := access.Scope{Unit: u.Unit}
	all, err := postgres.ListRounds(ctx, s.pool, scope)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	var out []UnitRound
	for _, r := range all {
		sub, err := postgres.GetSubmission(ctx, s.pool, scope, r.ID, u.Unit, false)
		if err != nil {
			return nil, err
		}
		if !OpenTo(r, sub, now) {
			continue
		}
		c, err := s.Catalog(ctx, s.pool, r.CatalogVersionID)
		if err != nil {
			return nil, err
		}
		out = append(out, UnitRound{Round: r, Catalog: c, Unit: s.unit(c, u.Unit), Sub: sub})
	}
	slices.SortStableFunc(out, func(a, b UnitRound) int {
		return a.Sub.Deadline(a.Round.DueAt).Compare(b.Sub.Deadline(b.Round.DueAt))
	})
	return out, nil
}

// Awaiting is a submitted report that waits for staff's review.
type Awaiting struct {
	Round   domain.Round
	Catalog *catalog.Catalog
	Unit    catalog.Unit
	Sub     domain.Submission
}

// Waiting is how many calendar days, in the catalog's time zone, the
// report has waited at now: 0 when it was submitted today.
func (a Awaiting) Waiting(now time.Time) int {
	if a.Sub.SubmittedAt == nil {
		return 0
	}
	return max(a.Catalog.DaysLate(*a.Sub.SubmittedAt, now), 0)
}

// Standing is the report's standing in its round (on time or late).
func (a Awaiting) Standing() submission.Standing { return a.Sub.Standing(a.Round.DueAt) }

// AwaitingReview lists the submitted reports no one has accepted or
// returned yet, in the rounds still in play (postgres.ListAwaitingReview),
// the one waiting longest first. Only those who review see it.
func (s *Service) AwaitingReview(ctx context.Context, u access.User) ([]Awaiting, error) {
	if !access.Allow(u, access.ReviewSubmission, "") {
		return nil, domain.ErrForbidden
	}
	subs, err := postgres.ListAwaitingReview(ctx, s.pool)
	if err != nil || len(subs) == 0 {
		return nil, err
	}
	all, err := postgres.ListRounds(ctx, s.pool, access.Scope{})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]domain.Round, len(all))
	for _, r := range all {
		byID[r.ID] = r
	}
	out := make([]Awaiting, 0, len(subs))
	for _, sub := range subs {
		r := byID[sub.RoundID]
		c, err := s.Catalog(ctx, s.pool, r.CatalogVersionID)
		if err != nil {
			return nil, err
		}
		out = append(out, Awaiting{Round: r, Catalog: c, Unit: s.unit(c, sub.UnitCode), Sub: sub})
	}
	return out, nil
}
