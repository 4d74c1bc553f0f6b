package demo

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/access"
	"baocao/internal/auth"
	"baocao/internal/catalog"
	"baocao/internal/intake"
	"baocao/internal/pgtest"
	"baocao/internal/postgres"
	"baocao/internal/submission"
)

func TestMain(m *testing.M) {
	// The season as it really was: the demo's clock stands in November 2025.
	Now = func() time.Time { return time.Date(2025, 11, 20, 9, 0, 0, 0, time.UTC) }
	pgtest.Main(m)
}

func TestShift(t *testing.T) {
	vn := time.FixedZone("ICT", 7*3600)
	due := time.Date(2025, 11, 10, 0, 0, 0, 0, vn)
	if s := Shift(due, time.Date(2025, 11, 12, 9, 0, 0, 0, vn)); s != 0 {
		t.Fatalf("shift while the real season is on = %v, want 0", s)
	}
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, vn)
	s := Shift(due, now)
	shifted := due.Add(s)
	if s%(7*24*time.Hour) != 0 || shifted.Weekday() != due.Weekday() {
		t.Fatalf("shift %v is not whole weeks", s)
	}
	if ago := now.Sub(shifted); ago < 6*24*time.Hour || ago >= 13*24*time.Hour {
		t.Fatalf("shifted deadline %v is %v before now, want 6 to 13 days", shifted, ago)
	}
}

var quiet = slog.New(slog.DiscardHandler)

// setup stores the seed catalog and, with accounts, the demo accounts the
// app creates in dev mode.
func setup(t *testing.T, accounts bool) (*pgxpool.Pool, *catalog.Catalog) {
	t.Helper()
	ctx := context.Background()
	pool := pgtest.New(t)
	c := seedCatalog(t)
	if _, _, err := postgres.SaveCatalog(ctx, pool, "kien-giang-2024", c); err != nil {
		t.Fatal(err)
	}
	if !accounts {
		return pool, c
	}
	users := []access.User{
		{Username: "admin", DisplayName: "Quản trị hệ thống", Role: access.RoleAdmin},
		{Username: "staff", DisplayName: "Cán bộ tổng hợp", Role: access.RoleStaff, Unit: c.Plan.Consolidator},
	}
	for _, u := range c.Units {
		if u.Kind != catalog.KindProvince {
			users = append(users, access.User{Username: strings.ToLower(u.Code), DisplayName: u.Name, Role: access.RoleAgency, Unit: u.Code})
		}
	}
	if _, err := auth.New(pool, auth.Settings{}).EnsureUsers(ctx, users, "baocao-demo-2024"); err != nil {
		t.Fatal(err)
	}
	return pool, c
}

func rowCounts(t *testing.T, pool *pgxpool.Pool) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range []string{"rounds", "round_units", "submissions", "submission_revisions", "submission_events", "audit_log"} {
		var n int
		if err := pool.QueryRow(context.Background(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func TestSeedFailsWhole(t *testing.T) {
	ctx := context.Background()
	pool, _ := setup(t, false) // no demo accounts: the first unit's save fails
	if err := Seed(ctx, pool, quiet); err == nil {
		t.Fatal("Seed without demo accounts succeeded")
	}
	if _, err := postgres.GetRound(ctx, pool, RoundCode); !errors.Is(err, postgres.ErrNotFound) {
		t.Errorf("after a failed Seed, round %s: %v, want not found", RoundCode, err)
	}
}

func TestSeed(t *testing.T) {
	ctx := context.Background()
	pool, c := setup(t, true)
	if err := Seed(ctx, pool, quiet); err != nil {
		t.Fatal(err)
	}
	before := rowCounts(t, pool)
	if err := Seed(ctx, pool, quiet); err != nil {
		t.Fatalf("second Seed: %v", err)
	}
	if after := rowCounts(t, pool); !equalCounts(before, after) {
		t.Errorf("second Seed changed rows: %v then %v", before, after)
	}
	if before["rounds"] != 1 || before["submissions"] != 31 {
		t.Errorf("rows %v, want one round of 31 submissions", before)
	}

	round, err := postgres.GetRound(ctx, pool, RoundCode)
	if err != nil {
		t.Fatal(err)
	}
	if round.Title != "Báo cáo kết quả thực hiện năm 2025" || round.Kind != catalog.RoundAnnual {
		t.Errorf("round %q (%s)", round.Title, round.Kind)
	}
	if want := time.Date(2025, 11, 9, 17, 0, 0, 0, time.UTC); !round.DueAt.Equal(want) {
		t.Errorf("due %v, want %v (10/11/2025 00:00 in Vietnam)", round.DueAt, want)
	}
	subs, err := postgres.ListSubmissions(ctx, pool, access.Scope{}, round.ID)
	if err != nil {
		t.Fatal(err)
	}
	forms := map[string]catalog.Form{}
	for _, f := range c.Forms {
		forms[f.Code] = f
	}
	status := map[string]int{}
	var children, gdNum, gdDen float64
	ready, partial := 0, 0
	for _, s := range subs {
		status[s.Status]++
		revs, err := postgres.ListRevisions(ctx, pool, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(revs) != s.Revision {
			t.Errorf("%s: %d revisions, current %d", s.UnitCode, len(revs), s.Revision)
		}
		for i, r := range revs {
			if r.Number != i+1 {
				t.Errorf("%s: revision %d at position %d", s.UnitCode, r.Number, i+1)
			}
			if r.CreatedAt.Before(time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)) || r.CreatedAt.After(time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("%s: revision %d dated %v", s.UnitCode, r.Number, r.CreatedAt)
			}
			if r.Author != strings.ToLower(s.UnitCode) || (r.Source != intake.SourceWeb && r.Source != intake.SourceExcel) || len(r.Changes) == 0 {
				t.Errorf("%s: revision %d by %s from %s with %d changes", s.UnitCode, r.Number, r.Author, r.Source, len(r.Changes))
			}
		}
		if len(revs) == 0 {
			continue
		}
		content := revs[len(revs)-1].Content
		spec := submission.BuildForm(c, forms[s.FormCode])
		issues := submission.Validate(spec, c.Rules, content, nil)
		checkStatus(t, s, round, issues)
		if s.Status == intake.StatusDraft {
			if !submission.Blocking(issues) {
				ready++
			}
			for _, i := range issues {
				if i.Code == submission.IssueMissing {
					partial++
					break
				}
			}
		}
		if is, ok := spec.Indicator("TQ01"); ok {
			n, _ := submission.IndicatorTotal(is, content)
			children += n
		}
		if is, ok := spec.Indicator("GD01"); ok {
			for _, cell := range is.Cells {
				v := content.Values[cell.Key]
				gdNum, gdDen = gdNum+*v.Num, gdDen+*v.Den
			}
		}
	}
	want := map[string]int{intake.StatusAccepted: 10, intake.StatusReturned: 2, intake.StatusSubmitted: 12,
		intake.StatusDraft: 3, intake.StatusNotStarted: 4}
	for st, n := range want {
		if status[st] != n {
			t.Errorf("%d submissions %s, want %d (all: %v)", status[st], st, n, status)
		}
	}
	if ready < 1 || partial < 1 {
		t.Errorf("drafts: %d ready to submit, %d with missing cells; want at least one of each", ready, partial)
	}
	if children < 409_000 || children > 420_000 {
		t.Errorf("children under 16 over all submissions = %v", children)
	}
	if gdDen == 0 || math.Abs(gdNum/gdDen*100-99.6) > 0.3 {
		t.Errorf("GD01 = %v / %v", gdNum, gdDen)
	}

	// The intake service, with its own rules, agrees: the ready draft
	// submits, the incomplete one is blocked.
	svc := intake.New(pool)
	for unit, ready := range map[string]bool{"KIENLUONG": true, "GIANGTHANH": false} {
		u, _, err := postgres.UserByUsername(ctx, pool, strings.ToLower(unit))
		if err != nil {
			t.Fatal(err)
		}
		_, err = svc.Submit(ctx, u, RoundCode, unit, "")
		var blocked *intake.BlockedError
		if ready && err != nil || !ready && !errors.As(err, &blocked) {
			t.Errorf("submit %s: %v", unit, err)
		}
	}
}

// checkStatus checks one submission's status fields against its plan.
func checkStatus(t *testing.T, s postgres.Submission, round postgres.Round, issues []submission.Issue) {
	t.Helper()
	p := planFor(s.UnitCode)
	switch s.Status {
	case intake.StatusSubmitted, intake.StatusAccepted, intake.StatusReturned:
		for _, i := range issues {
			if i.Severity == catalog.SeverityError {
				t.Errorf("%s (%s): %s %v: %s", s.UnitCode, s.Status, i.Indicator+i.Section, i.Disaggregation, i.Message)
			}
		}
		if s.SubmittedAt == nil || s.OnTime == nil {
			t.Fatalf("%s: %s without submission time", s.UnitCode, s.Status)
		}
		late := p.Outcome == outcomeLate
		if *s.OnTime == late || *s.OnTime != !s.SubmittedAt.After(round.DueAt) {
			t.Errorf("%s: submitted %v, on time %v, planned late %v", s.UnitCode, *s.SubmittedAt, *s.OnTime, late)
		}
	}
	switch s.Status {
	case intake.StatusAccepted, intake.StatusReturned:
		if s.ReviewedBy == nil || *s.ReviewedBy != "staff" || s.ReviewedAt == nil || !s.ReviewedAt.After(*s.SubmittedAt) {
			t.Errorf("%s: reviewed by %v at %v", s.UnitCode, s.ReviewedBy, s.ReviewedAt)
		}
	}
	if s.Status == intake.StatusReturned && (s.Revision < 2 || s.ReviewComment == "") {
		t.Errorf("%s: returned at revision %d with comment %q", s.UnitCode, s.Revision, s.ReviewComment)
	}
	if s.Status == intake.StatusNotStarted && s.Revision != 0 {
		t.Errorf("%s: not started at revision %d", s.UnitCode, s.Revision)
	}
}

func equalCounts(a, b map[string]int) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return len(a) == len(b)
}
