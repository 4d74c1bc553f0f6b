package web

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"time"

	"baocao/internal/access"
	"baocao/internal/catalogs"
	"baocao/internal/domain"
	"baocao/internal/intake"
	"baocao/internal/ops"
	"baocao/internal/rounds"
	"baocao/internal/submission"
)

// The home page says what to do next: an agency sees the reports its unit
// owes and the one step each needs; staff the open rounds' progress and
// what waits for them; the administrator the accounts, the catalog and
// the machine. Each section is there when the user's rights call for it.

// homeShown is how many reports waiting for review the home page lists;
// the dashboards list the rest.
const homeShown = 10

type homeData struct {
	Now time.Time
	// Agency says the user reports for a unit, UnitName, in Rounds.
	Agency   bool
	UnitName string
	Rounds   []unitRoundRow
	// Progress is every open round at a glance.
	Progress []roundGlance
	// Awaiting are the reports waiting longest for review, of Waiting in
	// all; MoreWaiting are not listed.
	Awaiting    []awaitingRow
	Waiting     int
	MoreWaiting int
	// Unissued are the draft report sets to issue.
	Unissued []domain.UnissuedSet
	// Backlog and Stalled are the notices and forwardings that did not
	// go out.
	Backlog *rounds.Backlog
	Stalled []domain.StalledDelivery
	// Accounts are the accounts to follow up; Catalog is the version in
	// force (nil: none loaded); Ops the machine.
	Accounts *accountsPanel
	Catalog  *catalogs.Version
	Ops      *ops.Status
}

// accountsPanel is what the administrator follows up about accounts.
type accountsPanel struct {
	// NeverSignedIn counts the active accounts nobody has used yet.
	NeverSignedIn int
}

// unitRoundRow is a round on an agency's home page.
type unitRoundRow struct {
	intake.UnitRound
	Due dueView
	// Reopened says the round is locked for the others and open to this
	// unit until its own deadline.
	Reopened bool
	// OnTime, once the report is in, says whether it was first submitted
	// by the deadline.
	OnTime *bool
}

// roundGlance is an open round's progress with its deadline as it stands.
type roundGlance struct {
	rounds.Progress
	Countdown string
	Overdue   bool
}

// awaitingRow is a report waiting for review, with how long it has.
type awaitingRow struct {
	intake.Awaiting
	Days int
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	d := homeData{Now: s.now()}
	steps := []func(context.Context, access.User, *homeData) error{s.homeAgency, s.homeStaff, s.homeAdmin}
	for _, step := range steps {
		if err := step(r.Context(), u, &d); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "home.html", d)
}

// homeAgency fills in the rounds the unit reports in.
func (s *Server) homeAgency(ctx context.Context, u access.User, d *homeData) error {
	if u.Unit == "" || !access.Allow(u, access.WriteSubmission, u.Unit) {
		return nil
	}
	list, err := s.deps.Intake.UnitRounds(ctx, u)
	if err != nil {
		return err
	}
	d.Agency, d.UnitName = true, cmp.Or(u.DisplayName, u.Unit)
	for _, ur := range list {
		row := unitRoundRow{UnitRound: ur, Due: dueOf(ur.Catalog, ur.Round, ur.Sub, d.Now), Reopened: ur.Round.Status != "open"}
		if st := ur.Sub.Standing(ur.Round.DueAt); st.Submitted() {
			onTime := st == submission.StandingOnTime
			row.OnTime = &onTime
		}
		if ur.Unit.Name != "" {
			d.UnitName = ur.Unit.Name
		}
		d.Rounds = append(d.Rounds, row)
	}
	return nil
}

// homeStaff fills in the open rounds' progress and what waits for the
// user: reports to review, sets to issue, notices that did not go out.
func (s *Server) homeStaff(ctx context.Context, u access.User, d *homeData) error {
	if access.Allow(u, access.ReadProgress, "") {
		list, err := s.deps.Rounds.OpenProgress(ctx, u)
		if err != nil {
			return err
		}
		for _, p := range list {
			c, err := s.deps.Intake.Catalog(ctx, s.deps.Pool, p.Round.CatalogVersionID)
			if err != nil {
				return err
			}
			d.Progress = append(d.Progress, roundGlance{Progress: p, Countdown: countdown(c, p.Round.DueAt, d.Now),
				Overdue: !d.Now.Before(p.Round.DueAt)})
		}
		backlog, err := s.deps.Rounds.Undelivered(ctx, u)
		if err != nil {
			return err
		}
		d.Backlog = &backlog
	}
	if access.Allow(u, access.ReviewSubmission, "") {
		list, err := s.deps.Intake.AwaitingReview(ctx, u)
		if err != nil {
			return err
		}
		d.Waiting = len(list)
		for _, a := range list[:min(len(list), homeShown)] {
			d.Awaiting = append(d.Awaiting, awaitingRow{Awaiting: a, Days: a.Waiting(d.Now)})
		}
		d.MoreWaiting = d.Waiting - len(d.Awaiting)
	}
	if access.Allow(u, access.IssueReports, "") {
		var err error
		if d.Unissued, err = s.deps.Reports.AwaitingIssue(ctx, u); err != nil {
			return err
		}
	}
	if access.Allow(u, access.ForwardReports, "") {
		var err error
		if d.Stalled, err = s.deps.Reports.StalledDeliveries(ctx, u); err != nil {
			return err
		}
	}
	return nil
}

// homeAdmin fills in the accounts never used, the catalog in force and
// the machine's state.
func (s *Server) homeAdmin(ctx context.Context, u access.User, d *homeData) error {
	if access.Allow(u, access.ManageUsers, "") {
		no := false
		never, err := s.deps.Auth.Accounts(ctx, access.UserFilter{SignedIn: &no, Disabled: &no})
		if err != nil {
			return err
		}
		d.Accounts = &accountsPanel{NeverSignedIn: len(never)}
	}
	if access.Allow(u, access.ManageCatalog, "") {
		v, err := s.catalogs().Current(ctx)
		switch {
		case err == nil:
			d.Catalog = v
		case !errors.Is(err, domain.ErrNotFound):
			return err
		}
	}
	if access.Allow(u, access.ViewOperations, "") {
		st, err := ops.New(s.deps.Pool, s.deps.Jobs).Status(ctx, u)
		if err != nil {
			return err
		}
		d.Ops = &st
	}
	return nil
}
