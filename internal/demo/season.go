package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/postgres"
	"baocao/internal/rounds"
	"baocao/internal/submission"
)

// season is one year's annual round as the demo plays it.
type season struct {
	domain.Round
	v     *domain.CatalogVersion
	cat   *catalog.Catalog
	gen   *generator
	loc   *time.Location
	staff access.User
	// open says the round is this year's, still open; closed rounds ran
	// their whole course.
	open bool
	now  time.Time
	// late says staff opened it after the calendar's window had passed.
	late bool
	// from and to bound the units' actions: entry opens, and now (an open
	// round) or the last review before the report (a closed one).
	from, to time.Time
	// prev is the season before, whose final contents this one's figures
	// are compared with; results this one's, by unit.
	prev    *season
	results map[string]result
	counts  map[submission.Status]int
	tally   map[outcome]int
}

// result is where a unit's submission ended: its form and content.
type result struct {
	spec     *submission.FormSpec
	content  submission.Content
	revision int
}

func newSeason(v *domain.CatalogVersion, year int, open bool, now time.Time, staff access.User, prev *season) *season {
	c := v.Catalog
	s := &season{v: v, cat: c, gen: newGenerator(c, year), loc: c.Location(), staff: staff, open: open, now: now, prev: prev,
		results: map[string]result{}, counts: map[submission.Status]int{}, tally: map[outcome]int{}}
	w := c.AnnualWindow(year)
	s.from = w.Opens.Add(8 * time.Hour)
	var due time.Time
	switch {
	case !open:
		// The report is made two days before its own deadline: every
		// review is done by the evening before.
		rd := monthDay(year, c.Schedules.Annual.ReportDue).AddDate(0, 0, -3)
		s.to = time.Date(rd.Year(), rd.Month(), rd.Day(), 16, 30, 0, 0, s.loc)
	case now.Before(w.Due):
		s.to = now.Add(-10 * time.Minute)
	default:
		// The window passed without the round: staff open it late, five
		// days ago, with the deadline a week ahead.
		s.late = true
		opened := now.AddDate(0, 0, -5).In(s.loc)
		s.from = time.Date(opened.Year(), opened.Month(), opened.Day(), 9, 15, 0, 0, s.loc)
		d := now.AddDate(0, 0, 7).In(s.loc)
		due = time.Date(d.Year(), d.Month(), d.Day(), 17, 0, 0, 0, s.loc)
		s.to = now.Add(-10 * time.Minute)
	}
	s.Round, _, _ = rounds.AnnualRound(v, year, due)
	return s
}

// monthDay is "MM-DD" of year as a calendar day.
func monthDay(year int, md string) time.Time {
	t, _ := time.Parse("2006-01-02", fmt.Sprintf("%d-%s", year, md))
	return t
}

// play opens the round as the calendar (or staff) did, plays each
// expected unit's plan, and for a closed round locks it.
func (s *season) play(ctx context.Context, tx pgx.Tx) error {
	r, units, ok := rounds.AnnualRound(s.v, s.Year, s.DueAt)
	if !ok {
		return fmt.Errorf("the catalog expects nobody in %d", s.Year)
	}
	r.CreatedAt = s.from
	audit := domain.AuditEntry{At: s.from, Actor: "calendar", Action: "round_opened", Target: r.Code,
		Details: map[string]any{"kind": catalog.RoundAnnual, "year": s.Year, "due_at": r.DueAt, "units": len(units), "catalog_version": s.v.ID}}
	if s.late {
		r.CreatedBy = s.staff.Username
		audit.ActorID, audit.Actor = &s.staff.ID, s.staff.Username
		audit.Details["late"] = true
	}
	var err error
	if s.Round, err = postgres.CreateRound(ctx, tx, r, units); err != nil {
		return err
	}
	if err := insertAudit(ctx, tx, audit); err != nil {
		return err
	}
	subs, err := postgres.ListSubmissions(ctx, tx, access.Scope{}, s.ID)
	if err != nil {
		return err
	}
	for _, ru := range units {
		u, _ := s.cat.Unit(ru.UnitCode)
		form, _ := s.cat.FormFor(u, catalog.RoundAnnual, s.cat.LocalDay(s.DueAt))
		sub, ok := find(subs, u.Code)
		if !ok {
			return fmt.Errorf("submission of %s was not created", u.Code)
		}
		if err := s.playUnit(ctx, tx, u, form, &sub); err != nil {
			return err
		}
		s.counts[sub.Status]++
	}
	if s.open {
		return nil
	}
	lockAt := s.DueAt.AddDate(0, 0, s.cat.Schedules.Annual.LockAfterDays)
	return postgres.SetRoundStatus(ctx, tx, s.ID, "locked", lockAt)
}

func find(subs []domain.Submission, unit string) (domain.Submission, bool) {
	for _, s := range subs {
		if s.UnitCode == unit {
			return s, true
		}
	}
	return domain.Submission{}, false
}

// basis is what the unit's figures compare with in the season before,
// as the intake service works it out (catalog.LineageOf,
// submission.BasisFrom); nil when nothing.
func (s *season) basis(u catalog.Unit) *submission.Basis {
	p := s.prev
	if p == nil {
		return nil
	}
	lin := s.cat.LineageOf(u.Code, p.cat.LocalDay(p.DueAt), func(code string) bool {
		_, expected := p.results[code]
		return expected
	})
	b, ok, _ := submission.BasisFrom(u.Code, lin, func(code string) (map[string]submission.Amount, bool, error) {
		res := p.results[code]
		if res.revision == 0 {
			return nil, false, nil
		}
		return submission.Amounts(res.spec, res.content), true, nil
	}, func(code string) string {
		if un, ok := s.cat.Unit(code); ok && un.Short != "" {
			return un.Short
		}
		return code
	})
	if !ok {
		return nil
	}
	return b
}

// playUnit acts out one unit's plan: its revisions, submission and
// review, each with its event and audit entry, then stores where it
// ended.
func (s *season) playUnit(ctx context.Context, tx pgx.Tx, u catalog.Unit, form catalog.Form, sub *domain.Submission) error {
	p := planFor(u.Code, s.Year, s.open)
	s.tally[p.Outcome]++
	spec := submission.BuildForm(s.cat, form)
	s.results[u.Code] = result{spec: spec, content: submission.NewContent()}
	if p.Outcome == outcomeNotStarted {
		sub.UpdatedAt = s.from // untouched since the round opened
		return updateSubmission(ctx, tx, *sub)
	}
	h, err := s.gen.history(u, spec, p, s.basis(u))
	if err != nil {
		return err
	}
	author, _, err := postgres.UserByUsername(ctx, tx, lowerCode(u.Code))
	if err != nil {
		return fmt.Errorf("demo account of %s: %w", u.Code, err)
	}
	a := &actor{season: s, tx: tx, sub: sub, user: author, content: submission.NewContent(),
		clock: clock{r: unitRand(fmt.Sprintf("%s/%d/clock", u.Code, s.Year)), loc: s.loc, limit: s.to}}
	at := a.clock.start(s, p.Outcome)
	for i, content := range h.Revisions {
		if i > 0 {
			at = a.clock.after(at, 40*time.Minute, 2*24*time.Hour)
		}
		if err := a.save(ctx, content, at, i == 0); err != nil {
			return err
		}
	}
	defer func() { s.results[u.Code] = result{spec: spec, content: a.content, revision: a.sub.Revision} }()
	switch p.Outcome {
	case outcomeReady, outcomePartial:
		return a.store(ctx, at)
	case outcomeLate, outcomeLateAccepted:
		at = a.clock.after(maxTime(at, s.DueAt), 8*time.Hour, 3*24*time.Hour)
	default:
		at = a.clock.after(at, 10*time.Minute, 20*time.Hour)
	}
	if err := a.submit(ctx, at); err != nil {
		return err
	}
	switch p.Outcome {
	case outcomeAccepted, outcomeLateAccepted:
		at = a.clock.after(at, 20*time.Hour, 4*24*time.Hour)
		if err := a.review(ctx, submission.StatusAccepted, "", at); err != nil {
			return err
		}
	case outcomeReturned:
		at = a.clock.after(at, 20*time.Hour, 2*24*time.Hour)
		if err := a.review(ctx, submission.StatusReturned, h.Comment, at); err != nil {
			return err
		}
		at = a.clock.after(at, 2*time.Hour, 24*time.Hour)
		if err := a.save(ctx, *h.Correction, at, false); err != nil {
			return err
		}
	}
	return a.store(ctx, at)
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// lowerCode is a unit's login: its code in lower case.
func lowerCode(code string) string { return strings.ToLower(code) }
