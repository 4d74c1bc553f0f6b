package rounds

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
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
	"baocao/internal/testkit"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var vn = time.FixedZone("ICT", 7*3600)

func setup(t *testing.T) (*pgxpool.Pool, *Service, *time.Time) {
	t.Helper()
	ctx := context.Background()
	pool := pgtest.New(t)
	c, err := catalog.Load(os.DirFS("../catalog/testdata/minimal"), "minimal")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := postgres.SaveCatalog(ctx, pool, "minimal", c); err != nil {
		t.Fatal(err)
	}
	_, err = auth.New(pool, auth.Settings{PasswordCost: testkit.PasswordCost}).EnsureUsers(ctx, []access.User{
		{Username: "staff", Role: access.RoleStaff, Email: "tonghop@so.example.vn"},
		{Username: "admin", Role: access.RoleAdmin},
	}, "correct-horse-battery")
	if err != nil {
		t.Fatal(err)
	}
	clock := new(time.Time)
	jobs := testkit.Inserter(t, pool)
	s := New(pool, intake.New(pool, jobs), jobs)
	s.Now = func() time.Time { return *clock }
	return pool, s, clock
}

// tickTwice runs Tick from two workers at once, as two worker processes
// whose periodic checks coincide.
func tickTwice(t *testing.T, s *Service) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for range 2 {
		wg.Add(1)
		go func() { defer wg.Done(); errs <- s.Tick(context.Background()) }()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("Tick: %v", err)
		}
	}
}

// notices lists the outbox as "day kind unit-or-address", in order.
func notices(t *testing.T, pool *pgxpool.Pool, since time.Time) []string {
	t.Helper()
	rows, err := pool.Query(context.Background(), `SELECT kind, coalesce(unit_code, to_address), created_at FROM notifications
		WHERE created_at >= $1 ORDER BY id`, since)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var kind, who string
		var at time.Time
		rows.Scan(&kind, &who, &at)
		out = append(out, kind+" "+who)
	}
	sort.Strings(out)
	return out
}

func TestTick_Season(t *testing.T) {
	ctx := context.Background()
	pool, s, clock := setup(t)
	var log []string
	for d := time.Date(2024, 9, 1, 9, 0, 0, 0, vn); !d.After(time.Date(2024, 11, 15, 9, 0, 0, 0, vn)); d = d.AddDate(0, 0, 1) {
		*clock = d
		mark := time.Now()
		tickTwice(t, s)
		for _, n := range notices(t, pool, mark) {
			log = append(log, d.Format("01-02")+" "+n)
		}
		if d.Month() == 10 && d.Day() == 20 {
			// SO2 submits on 20 October (before the deadline).
			if _, err := pool.Exec(ctx, `UPDATE submissions SET status = 'submitted', submitted_at = $1, first_submitted_at = $1 WHERE unit_code = 'SO2'`, d.Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			if _, err := pool.Exec(ctx, `INSERT INTO submission_events (submission_id, actor, kind, revision, at)
				SELECT id, 'so2', 'submitted', 1, $1 FROM submissions WHERE unit_code = 'SO2'`, d.Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := []string{
		"10-01 round_opened HUYEN1", "10-01 round_opened SO1", "10-01 round_opened SO2",
		"10-21 staff_digest tonghop@so.example.vn",
		"11-03 reminder HUYEN1", "11-03 reminder SO1",
		"11-09 reminder HUYEN1", "11-09 reminder SO1",
		"11-10 overdue HUYEN1", "11-10 overdue SO1", "11-10 staff_overdue tonghop@so.example.vn",
		"11-11 chase HUYEN1", "11-11 chase SO1",
		"11-13 chase HUYEN1", "11-13 chase SO1",
	}
	if got := strings.Join(log, "\n"); got != strings.Join(want, "\n") {
		t.Fatalf("notices:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	var keys []string
	rows, _ := pool.Query(ctx, "SELECT dedupe_key FROM notifications WHERE kind IN ('reminder', 'chase') AND unit_code = 'SO1' ORDER BY id")
	for rows.Next() {
		var k string
		rows.Scan(&k)
		keys = append(keys, k)
	}
	rows.Close()
	if got := strings.Join(keys, " "); got != "reminder:NAM-2024:SO1:7 reminder:NAM-2024:SO1:1 chase:NAM-2024:SO1:1 chase:NAM-2024:SO1:3" {
		t.Fatalf("SO1's steps = %s", got)
	}
	// Twenty days after the deadline the round locks, once.
	*clock = time.Date(2024, 11, 30, 9, 0, 0, 0, vn)
	tickTwice(t, s)
	tickTwice(t, s)
	r, _ := postgres.GetRound(ctx, pool, "NAM-2024")
	var locked int
	pool.QueryRow(ctx, "SELECT count(*) FROM notifications WHERE kind = 'round_locked'").Scan(&locked)
	if r.Status != "locked" || locked != 1 {
		t.Fatalf("round status %s with %d lock notices, want locked and 1", r.Status, locked)
	}
	// Every notice's delivery job was inserted with it, once; the passed
	// deadline asked for the round's report.
	var all, deliveries, undelivered, asked int
	if err := pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM notifications),
		(SELECT count(*) FROM river_job WHERE kind = 'deliver_notification' AND queue = 'notify'),
		(SELECT count(*) FROM notifications n WHERE NOT EXISTS (SELECT 1 FROM river_job j
			WHERE j.kind = 'deliver_notification' AND (j.args->>'notification_id')::bigint = n.id)),
		(SELECT count(*) FROM river_job WHERE kind = 'consolidate_report' AND args->>'round' = 'NAM-2024')`).
		Scan(&all, &deliveries, &undelivered, &asked); err != nil {
		t.Fatal(err)
	}
	if deliveries != all || undelivered != 0 || asked == 0 {
		t.Fatalf("%d notices, %d delivery jobs, %d notices without one, %d reports asked for; want one job a notice and a report",
			all, deliveries, undelivered, asked)
	}
}

func TestOpenAdhoc_OverdueWithinAMinute(t *testing.T) {
	ctx := context.Background()
	pool, s, clock := setup(t)
	*clock = time.Date(2025, 1, 15, 10, 0, 0, 0, vn)
	staff, _, _ := postgres.UserByUsername(ctx, pool, "staff")
	r, err := s.OpenAdhoc(ctx, staff, AdhocRequest{Title: "Báo cáo nhanh số trẻ em bị xâm hại", DueAt: clock.Add(time.Minute),
		Units: []string{"SO1", "so2"}, Indicators: []string{"BV03"}}, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind != "adhoc" || len(r.Indicators) != 1 {
		t.Fatalf("round = %+v", r)
	}
	// The every-minute check one minute later finds both units overdue.
	*clock = clock.Add(61 * time.Second)
	tickTwice(t, s)
	got := notices(t, pool, time.Time{})
	want := "overdue SO1 overdue SO2 round_opened SO1 round_opened SO2 staff_overdue tonghop@so.example.vn"
	if strings.Join(got, " ") != want {
		t.Fatalf("notices = %v, want %s", got, want)
	}
	// Other units do not see it.
	huyen := access.User{Role: access.RoleAgency, Unit: "HUYEN1", Active: true}
	rounds, _ := postgres.ListRounds(ctx, pool, access.ScopeFor(huyen))
	if len(rounds) != 0 {
		t.Fatalf("HUYEN1 sees %d rounds", len(rounds))
	}
}

func TestOpenAdhoc_Refusals(t *testing.T) {
	ctx := context.Background()
	pool, s, clock := setup(t)
	*clock = time.Date(2025, 1, 15, 10, 0, 0, 0, vn)
	staff, _, _ := postgres.UserByUsername(ctx, pool, "staff")
	ok := AdhocRequest{Title: "Báo cáo nhanh", DueAt: clock.Add(48 * time.Hour), Units: []string{"SO2"}, Indicators: []string{"BV01"}}
	tests := []struct {
		name  string
		edit  func(*AdhocRequest)
		field string
	}{
		{"deadline in the past", func(r *AdhocRequest) { r.DueAt = clock.Add(-time.Hour) }, "due_at"},
		{"no units", func(r *AdhocRequest) { r.Units = nil }, "units"},
		{"unknown unit", func(r *AdhocRequest) { r.Units = []string{"NOWHERE"} }, "units"},
		{"unit no longer valid", func(r *AdhocRequest) { r.Units = []string{"SO1"} }, "units"}, // SO1 ended on 28 February 2025
		{"unknown indicator", func(r *AdhocRequest) { r.Indicators = []string{"ZZ01"} }, "indicators"},
		{"no title", func(r *AdhocRequest) { r.Title = " " }, "title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := ok
			tt.edit(&req)
			var err error
			var fe *domain.FieldError
			if tt.name != "unit no longer valid" {
				_, err = s.OpenAdhoc(ctx, staff, req, "")
			} else {
				// In January 2025 SO1 still exists; in March it does not.
				*clock = time.Date(2025, 3, 15, 10, 0, 0, 0, vn)
				defer func() { *clock = time.Date(2025, 1, 15, 10, 0, 0, 0, vn) }()
				req.DueAt = clock.Add(48 * time.Hour)
				_, err = s.OpenAdhoc(ctx, staff, req, "")
			}
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("error = %v, want a field error on %s", err, tt.field)
			}
		})
	}
	var n int
	pool.QueryRow(ctx, "SELECT count(*) FROM rounds").Scan(&n)
	if n != 0 {
		t.Fatalf("%d rounds created by refused requests", n)
	}
	agency := access.User{Role: access.RoleAgency, Unit: "SO2", Active: true}
	if _, err := s.OpenAdhoc(ctx, agency, ok, ""); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("agency opening a round: %v", err)
	}
}

func TestProgress_HandCount(t *testing.T) {
	ctx := context.Background()
	pool, s, clock := setup(t)
	*clock = time.Date(2024, 10, 2, 9, 0, 0, 0, vn)
	tickTwice(t, s) // opens NAM-2024: SO1, SO2, HUYEN1
	due := time.Date(2024, 11, 10, 0, 0, 0, 0, vn)
	set := func(unit, status string, at *time.Time) {
		if _, err := pool.Exec(ctx, "UPDATE submissions SET status = $2, submitted_at = $3, first_submitted_at = $3 WHERE unit_code = $1", unit, status, at); err != nil {
			t.Fatal(err)
		}
	}
	early, late := due.Add(-time.Hour), due.Add(26*time.Hour)
	set("SO1", "accepted", &early)
	set("SO2", "submitted", &late)
	set("HUYEN1", "returned", &early)
	staff, _, _ := postgres.UserByUsername(ctx, pool, "staff")
	p, err := s.Progress(ctx, staff, "NAM-2024")
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("expected %d submitted %d on_time %d late %d missing %d accepted %d returned %d",
		p.Expected, p.Submitted, p.OnTime, p.Late, p.Missing, p.Accepted, p.Returned)
	if got != "expected 3 submitted 2 on_time 1 late 1 missing 1 accepted 1 returned 1" {
		t.Fatalf("progress = %s", got)
	}
	if p.Percent() > 100 || len(p.Units) != 3 {
		t.Fatalf("percent %v, units %d", p.Percent(), len(p.Units))
	}
}
