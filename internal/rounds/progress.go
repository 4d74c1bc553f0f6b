package rounds

import (
	"context"
	"time"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/postgres"
	"baocao/internal/submission"
)

// UnitProgress is one expected unit's standing in a round.
type UnitProgress struct {
	Unit string `json:"unit"`
	Name string `json:"name"`
	// Kind is the unit's kind (catalog.KindDepartment, …), which lists
	// group units by.
	Kind   string            `json:"kind"`
	Email  string            `json:"email"`
	Status submission.Status `json:"status"`
	// Standing is what the unit counts as (submission.StandingOf).
	Standing submission.Standing `json:"standing"`
	// SubmittedAt is when the report in hand was submitted;
	// FirstSubmittedAt when the unit first submitted, which its
	// timeliness is judged by. Resubmitted says they differ: the report
	// was submitted again after a return or a withdrawal.
	SubmittedAt      *time.Time `json:"submitted_at"`
	FirstSubmittedAt *time.Time `json:"first_submitted_at"`
	Resubmitted      bool       `json:"resubmitted"`
	// OnTime is the standing as a yes or no; nil while nothing counts as
	// submitted.
	OnTime   *bool `json:"on_time"`
	Revision int   `json:"revision"`
	// DueAt is the unit's own deadline when staff extended it, with the
	// reason.
	DueAt     *time.Time `json:"due_at,omitempty"`
	DueReason string     `json:"due_reason,omitempty"`
}

// Progress is a round's completeness and timeliness, from submission times:
// Submitted + Missing = Expected, OnTime + Late = Submitted, so it can
// never pass 100%.
type Progress struct {
	Round     domain.Round   `json:"-"`
	Expected  int            `json:"expected"`
	Submitted int            `json:"submitted"`
	OnTime    int            `json:"on_time"`
	Late      int            `json:"late"`
	Missing   int            `json:"missing"`
	Accepted  int            `json:"accepted"`
	Returned  int            `json:"returned"`
	Units     []UnitProgress `json:"units"`
	// DaysLate is how many calendar days (in the province's time zone)
	// today is past the deadline; 0 before it and on its day.
	DaysLate int `json:"days_late"`
}

// Percent is the share of expected units that submitted.
func (p Progress) Percent() float64 {
	if p.Expected == 0 {
		return 0
	}
	return float64(p.Submitted) * 100 / float64(p.Expected)
}

// Unreviewed is how many submitted reports wait for staff to accept or
// return them: every submitted one (on time or late) not yet accepted.
func (p Progress) Unreviewed() int { return p.Submitted - p.Accepted }

// Progress measures a round for staff. Expected units are those the round
// recorded when it opened (valid during it and assigned its form); a
// submission counts once submitted or accepted; a returned one is pending
// again until it is submitted anew.
func (s *Service) Progress(ctx context.Context, u access.User, roundCode string) (Progress, error) {
	if !access.Allow(u, access.ReadProgress, "") {
		return Progress{}, domain.ErrForbidden
	}
	r, err := postgres.GetRound(ctx, s.pool, roundCode)
	if err != nil {
		return Progress{}, err // domain.ErrNotFound, naming the round, when there is none
	}
	return s.progress(ctx, r)
}

// OpenProgress is the progress of every open round, the soonest deadline
// first, for staff's overview.
func (s *Service) OpenProgress(ctx context.Context, u access.User) ([]Progress, error) {
	if !access.Allow(u, access.ReadProgress, "") {
		return nil, domain.ErrForbidden
	}
	open, err := postgres.ListOpenRounds(ctx, s.pool)
	if err != nil {
		return nil, err
	}
	out := make([]Progress, 0, len(open))
	for _, r := range open {
		p, err := s.progress(ctx, r)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// progress measures round r.
func (s *Service) progress(ctx context.Context, r domain.Round) (Progress, error) {
	c, err := s.intake.Catalog(ctx, s.pool, r.CatalogVersionID)
	if err != nil {
		return Progress{}, err
	}
	subs, err := postgres.ListSubmissions(ctx, s.pool, access.Scope{}, r.ID)
	if err != nil {
		return Progress{}, err
	}
	units := c.UnitsByCode()
	p := tally(r, subs, func(code string) catalog.Unit { return units[code] })
	p.DaysLate = max(c.DaysLate(r.DueAt, s.Now()), 0)
	return p, nil
}

// tally counts a round's submissions by their standing.
func tally(r domain.Round, subs []domain.Submission, unit func(code string) catalog.Unit) Progress {
	p := Progress{Round: r, Expected: len(subs), Units: []UnitProgress{}}
	for _, sub := range subs {
		un := unit(sub.UnitCode)
		st := submission.StandingOf(sub.Status, sub.FirstSubmittedAt, sub.Deadline(r.DueAt))
		up := UnitProgress{Unit: sub.UnitCode, Name: un.Name, Kind: un.Kind, Email: un.Email, Status: sub.Status, Standing: st,
			SubmittedAt: sub.SubmittedAt, FirstSubmittedAt: sub.FirstSubmittedAt,
			Resubmitted: submission.Resubmitted(sub.FirstSubmittedAt, sub.SubmittedAt), Revision: sub.Revision}
		if due := sub.Deadline(r.DueAt); due.After(r.DueAt) {
			up.DueAt, up.DueReason = &due, sub.UnitDueReason
		}
		if st.Submitted() {
			onTime := st == submission.StandingOnTime
			up.OnTime = &onTime
			p.Submitted++
			if onTime {
				p.OnTime++
			} else {
				p.Late++
			}
		} else {
			p.Missing++
		}
		if st == submission.StandingReturned {
			p.Returned++
		}
		if sub.Status == submission.StatusAccepted {
			p.Accepted++
		}
		p.Units = append(p.Units, up)
	}
	return p
}
