package demo

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/access"
	"baocao/internal/auth"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/intake"
	"baocao/internal/pgtest"
	"baocao/internal/postgres"
	"baocao/internal/render"
	"baocao/internal/reports"
	"baocao/internal/signing"
	"baocao/internal/submission"
	"baocao/internal/testkit"
)

// today is the demo's clock in these tests: 2 December 2026, after the
// 2026 round's window passed without it.
var today = time.Date(2026, 12, 2, 3, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	Now = func() time.Time { return today }
	pgtest.Main(m)
}

// setup stores the shipped catalogs and, with accounts, the demo accounts
// the app creates in dev mode.
func setup(t *testing.T, accounts bool) (*pgxpool.Pool, *catalog.Catalog) {
	t.Helper()
	ctx := context.Background()
	pool := pgtest.New(t)
	c, err := StoreCatalogs(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	if accounts {
		if _, err := auth.New(pool, auth.Settings{PasswordCost: testkit.PasswordCost}).EnsureUsers(ctx, Accounts(c, today), "baocao-demo-2024"); err != nil {
			t.Fatal(err)
		}
	}
	return pool, c
}

func rowCounts(t *testing.T, pool *pgxpool.Pool) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range []string{"rounds", "round_units", "submissions", "submission_revisions", "submission_values", "submission_narratives", "submission_events", "audit_log",
		"snapshots", "reports"} {
		var n int
		if err := pool.QueryRow(context.Background(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func TestSeed_FailsWhole(t *testing.T) {
	ctx := context.Background()
	pool, _ := setup(t, false) // no demo accounts: the first unit's save fails
	if err := Seed(ctx, pool, quiet); err == nil {
		t.Fatal("Seed without demo accounts succeeded")
	}
	if n := rowCounts(t, pool)["rounds"]; n != 0 {
		t.Errorf("after a failed Seed, %d rounds", n)
	}
}

func TestCurrentRound(t *testing.T) {
	defer func(old func() time.Time) { Now = old }(Now)
	for _, tt := range []struct {
		now  time.Time
		want string
	}{
		{today, "NAM-2026"},
		{time.Date(2026, 9, 30, 10, 0, 0, 0, time.UTC), "NAM-2025"}, // before the 2026 round opens
		{time.Date(2026, 10, 1, 3, 0, 0, 0, time.UTC), "NAM-2026"},
		{time.Date(2025, 11, 5, 3, 0, 0, 0, time.UTC), "NAM-2025"},
	} {
		Now = func() time.Time { return tt.now }
		if got := CurrentRound(); got != tt.want {
			t.Errorf("at %v: %s, want %s", tt.now, got, tt.want)
		}
	}
}

// The demo on 2 December 2026: Kiên Giang's 2024 round and An Giang's 2025
// round closed with their reports issued in their own names, and the 2026
// round opened late by staff, due in a week, partly filled in.
func TestSeed(t *testing.T) {
	ctx := context.Background()
	pool, ag := setup(t, true)
	id, err := signing.DevIdentity(t.TempDir(), "Sở Y tế tỉnh An Giang", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	// As app.DemoReports does: made on the day, issued by lanhdao an hour
	// later.
	past := reports.New(pool, intake.New(pool, testkit.Inserter(t, pool)), render.Files{}, testkit.Inserter(t, pool))
	past.Signing.Identity = id
	generate := func(ctx context.Context, round string, at time.Time) (int, error) {
		leader, _, err := postgres.UserByUsername(ctx, pool, "lanhdao")
		if err != nil {
			return 0, err
		}
		return past.PastReport(ctx, round, at, leader)
	}
	for range 2 { // the second time changes nothing
		if err := Seed(ctx, pool, quiet); err != nil {
			t.Fatal(err)
		}
		if err := IssueReports(ctx, pool, quiet, generate); err != nil {
			t.Fatal(err)
		}
	}
	before := rowCounts(t, pool)
	if err := Seed(ctx, pool, quiet); err != nil {
		t.Fatalf("third Seed: %v", err)
	}
	if after := rowCounts(t, pool); !equalCounts(before, after) {
		t.Errorf("second Seed changed rows: %v then %v", before, after)
	}
	if before["rounds"] != 3 || before["submissions"] != 31+112+112 || before["reports"] != 12 {
		t.Errorf("rows %v, want three rounds of 31, 112 and 112 submissions and two report sets, each a draft and an issued version", before)
	}
	vn := ag.Location()
	for _, tt := range []struct {
		code, status string
		due          time.Time
		units        int
	}{
		{"NAM-2024", "locked", time.Date(2024, 11, 10, 0, 0, 0, 0, vn), 31},
		{"NAM-2025", "locked", time.Date(2025, 11, 10, 0, 0, 0, 0, vn), 112},
		{"NAM-2026", "open", time.Date(2026, 12, 9, 17, 0, 0, 0, vn), 112},
	} {
		r, err := postgres.GetRound(ctx, pool, tt.code)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != tt.status || !r.DueAt.Equal(tt.due) {
			t.Errorf("%s: %s due %v, want %s due %v", tt.code, r.Status, r.DueAt, tt.status, tt.due)
		}
		c := checkRound(t, ctx, pool, r)
		if c.units != tt.units {
			t.Errorf("%s: %d units, want %d", tt.code, c.units, tt.units)
		}
	}
	r26, _ := postgres.GetRound(ctx, pool, "NAM-2026")
	if r26.CreatedBy != "staff" || !r26.CreatedAt.Before(today) || today.Sub(r26.CreatedAt) > 6*24*time.Hour {
		t.Errorf("the 2026 round was opened by %s at %v; want staff, late, a few days before today", r26.CreatedBy, r26.CreatedAt)
	}
	var late bool
	if err := pool.QueryRow(ctx, `SELECT (details->>'late')::boolean FROM audit_log WHERE action = 'round_opened' AND target = 'NAM-2026'`).Scan(&late); err != nil || !late {
		t.Errorf("the late opening is not audited as such: %v %v", late, err)
	}

	// The intake service, with its own rules, agrees: the ready draft
	// submits, the incomplete one is blocked.
	svc := intake.New(pool, testkit.Inserter(t, pool))
	for unit, ready := range map[string]bool{"XA.KIENLUONG": true, "XA.GIANGTHANH": false} {
		u, _, err := postgres.UserByUsername(ctx, pool, strings.ToLower(unit))
		if err != nil {
			t.Fatal(err)
		}
		_, err = svc.Submit(ctx, u, "NAM-2026", unit, "")
		var blocked *intake.BlockedError
		if ready && err != nil || !ready && !errors.As(err, &blocked) {
			t.Errorf("submit %s: %v", unit, err)
		}
	}
}

// roundCheck is what checkRound found.
type roundCheck struct {
	units  int
	status map[submission.Status]int
}

// checkRound checks every submission of a demo round: revisions numbered,
// authored by the unit and dated within the round's time, statuses that
// fit the plan, and submitted content without a blocking finding as the
// intake service sees it (compared with the previous round).
func checkRound(t *testing.T, ctx context.Context, pool *pgxpool.Pool, r domain.Round) roundCheck {
	t.Helper()
	subs, err := postgres.ListSubmissions(ctx, pool, access.Scope{}, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	staff, _, _ := postgres.UserByUsername(ctx, pool, "staff")
	svc := intake.New(pool, testkit.Inserter(t, pool))
	out := roundCheck{units: len(subs), status: map[submission.Status]int{}}
	for _, s := range subs {
		out.status[s.Status]++
		revs, err := postgres.ListRevisions(ctx, pool, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(revs) != s.Revision {
			t.Errorf("%s %s: %d revisions, current %d", r.Code, s.UnitCode, len(revs), s.Revision)
		}
		for i, rev := range revs {
			if rev.Number != i+1 || rev.CreatedAt.Before(r.CreatedAt) || rev.CreatedAt.After(today) {
				t.Errorf("%s %s: revision %d at position %d dated %v", r.Code, s.UnitCode, rev.Number, i+1, rev.CreatedAt)
			}
			if rev.Author != strings.ToLower(s.UnitCode) || len(rev.Changes) == 0 {
				t.Errorf("%s %s: revision %d by %s with %d changes", r.Code, s.UnitCode, rev.Number, rev.Author, len(rev.Changes))
			}
		}
		switch s.Status {
		case submission.StatusSubmitted, submission.StatusAccepted, submission.StatusReturned:
			if s.SubmittedAt == nil || s.FirstSubmittedAt == nil || s.SubmittedAt.Before(*s.FirstSubmittedAt) || s.SubmittedAt.After(today) {
				t.Errorf("%s %s: submitted %v, on time %v", r.Code, s.UnitCode, s.SubmittedAt, s.FirstSubmittedAt)
				continue
			}
			v, err := svc.Get(ctx, staff, r.Code, s.UnitCode)
			if err != nil {
				t.Fatal(err)
			}
			if s.Status != submission.StatusReturned && submission.Blocking(v.Issues) {
				for _, i := range v.Issues {
					if i.Blocks() {
						t.Errorf("%s %s (%s): %s %v: %s", r.Code, s.UnitCode, s.Status, i.Indicator+i.Section, i.Disaggregation, i.Message)
					}
				}
			}
		case submission.StatusNotStarted:
			if s.Revision != 0 {
				t.Errorf("%s %s: not started at revision %d", r.Code, s.UnitCode, s.Revision)
			}
		}
	}
	return out
}

func equalCounts(a, b map[string]int) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return len(a) == len(b)
}
