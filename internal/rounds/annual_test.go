package rounds

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
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
	"baocao/internal/testkit"
	catalogs "baocao/templates/catalog"
)

// anGiang is a database whose current catalog is the merged An Giang
// province's, with a member of staff and an agency account, and the
// service on a clock the test drives.
func anGiang(t *testing.T) (*pgxpool.Pool, *Service, *time.Time) {
	t.Helper()
	ctx := context.Background()
	pool := pgtest.New(t)
	c, err := catalogs.Load(catalogs.AnGiang)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := postgres.SaveCatalog(ctx, pool, catalogs.AnGiang, c); err != nil {
		t.Fatal(err)
	}
	_, err = auth.New(pool, auth.Settings{PasswordCost: testkit.PasswordCost}).EnsureUsers(ctx, []access.User{
		{Username: "staff", Role: access.RoleStaff, Email: "tonghop@syt.angiang.gov.vn"},
		{Username: "ag.yt", Role: access.RoleAgency, Unit: "AG.YT"},
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

func user(t *testing.T, pool *pgxpool.Pool, name string) access.User {
	t.Helper()
	u, _, err := postgres.UserByUsername(context.Background(), pool, name)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// auditEntry is a row of the audit log.
type auditEntry struct {
	actor, action, target, ip string
	actorID                   *int64
	details                   map[string]any
}

func auditOf(t *testing.T, pool *pgxpool.Pool, action string) []auditEntry {
	t.Helper()
	rows, err := pool.Query(context.Background(), "SELECT actor, action, target, ip, actor_id, details FROM audit_log WHERE action = $1 ORDER BY id", action)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []auditEntry
	for rows.Next() {
		var e auditEntry
		var details []byte
		if err := rows.Scan(&e.actor, &e.action, &e.target, &e.ip, &e.actorID, &details); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(details, &e.details); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

func countRounds(t *testing.T, pool *pgxpool.Pool) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), "SELECT count(*) FROM rounds").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func date(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// On 2 December 2026 the schedule's window (1 October to 10 November) has
// passed: the calendar opens nothing, and staff open the year's round with
// a deadline of their choosing, expecting the units in force now.
func TestOpenAnnual_LateRound(t *testing.T) {
	ctx := context.Background()
	pool, s, clock := anGiang(t)
	*clock = time.Date(2026, 12, 2, 9, 0, 0, 0, vn)
	tickTwice(t, s)
	if _, err := postgres.AnnualRoundOf(ctx, pool, 2026); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("the calendar opened the 2026 round after its window: %v", err)
	}
	if n := countRounds(t, pool); n != 0 {
		t.Fatalf("%d rounds after a tick outside the window", n)
	}

	staff := user(t, pool, "staff")
	due := time.Date(2026, 12, 9, 17, 0, 0, 0, vn)
	r, err := s.OpenAnnual(ctx, staff, 2026, due, "192.0.2.7")
	if err != nil {
		t.Fatal(err)
	}
	if r.Code != "NAM-2026" || r.Kind != catalog.RoundAnnual || r.Year != 2026 || r.Status != "open" ||
		r.Title != "Báo cáo kết quả thực hiện năm 2026" || r.CreatedBy != "staff" {
		t.Errorf("round = %+v", r)
	}
	if !r.DueAt.Equal(due) {
		t.Errorf("due at %v, want %v", r.DueAt, due)
	}
	for _, d := range []struct {
		name      string
		got, want time.Time
	}{
		{"period start", r.PeriodStart, date("2026-01-01")},
		{"period end", r.PeriodEnd, date("2026-12-31")},
		{"data from", r.DataFrom, date("2025-11-01")},
		{"cutoff", r.Cutoff, date("2026-10-31")},
	} {
		if catalog.Day(d.got) != catalog.Day(d.want) {
			t.Errorf("%s = %s, want %s", d.name, catalog.Day(d.got), catalog.Day(d.want))
		}
	}

	// Exactly the 102 commune-level units and the 10 provincial bodies of
	// An Giang; nothing of Kiên Giang.
	v, err := postgres.CurrentCatalog(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	units, err := postgres.ListRoundUnits(ctx, pool, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var communes int
	var bodies []string
	for _, ru := range units {
		u, ok := v.Catalog.Unit(ru.UnitCode)
		switch {
		case !ok:
			t.Errorf("round expects %s, not in the catalog", ru.UnitCode)
		case ru.FormCode == "":
			t.Errorf("%s has no form", ru.UnitCode)
		case u.Kind == catalog.KindCommune || u.Kind == catalog.KindWard || u.Kind == catalog.KindSpecialZone:
			communes++
		case strings.HasPrefix(u.Code, "AG."):
			bodies = append(bodies, u.Code)
		default:
			t.Errorf("round expects %s (%s), not in force in 2026", u.Code, u.Kind)
		}
	}
	slices.Sort(bodies)
	wantBodies := []string{"AG.BAO", "AG.CA", "AG.DTTG", "AG.GDDT", "AG.MTTQ", "AG.NV", "AG.TC", "AG.TP", "AG.VHTTDL", "AG.YT"}
	if communes != 102 || !slices.Equal(bodies, wantBodies) || len(units) != 112 {
		t.Errorf("round expects %d units: %d commune-level, bodies %v; want 102 and %v", len(units), communes, bodies, wantBodies)
	}
	var subs int
	pool.QueryRow(ctx, "SELECT count(*) FROM submissions WHERE round_id = $1", r.ID).Scan(&subs)
	if subs != 112 {
		t.Errorf("%d submissions, want one per expected unit (112)", subs)
	}

	// Audited as the member of staff's, marked late.
	entries := auditOf(t, pool, "round_opened")
	if len(entries) != 1 {
		t.Fatalf("%d round_opened entries, want 1", len(entries))
	}
	e := entries[0]
	if e.actor != "staff" || e.actorID == nil || *e.actorID != staff.ID || e.target != "NAM-2026" || e.ip != "192.0.2.7" ||
		e.details["late"] != true || e.details["year"] != float64(2026) || e.details["units"] != float64(112) {
		t.Errorf("audit entry = %+v", e)
	}

	// A second round for the year is refused, naming the one there is.
	_, err = s.OpenAnnual(ctx, staff, 2026, due.Add(24*time.Hour), "")
	var exists *ExistsError
	if !errors.As(err, &exists) || exists.Round.Code != "NAM-2026" || !errors.Is(err, domain.ErrConflict) ||
		!strings.Contains(err.Error(), "NAM-2026") {
		t.Fatalf("second OpenAnnual(2026) = %v, want an ExistsError naming NAM-2026", err)
	}
	// Nor does the calendar add one.
	tickTwice(t, s)
	if n := countRounds(t, pool); n != 1 {
		t.Fatalf("%d rounds, want 1", n)
	}
	if n := len(auditOf(t, pool, "round_opened")); n != 1 {
		t.Fatalf("%d round_opened entries after the refusals, want 1", n)
	}
}

func TestOpenAnnual_Refusals(t *testing.T) {
	ctx := context.Background()
	pool, s, clock := anGiang(t)
	*clock = time.Date(2026, 12, 2, 9, 0, 0, 0, vn)
	staff := user(t, pool, "staff")
	due := time.Date(2026, 12, 9, 17, 0, 0, 0, vn)
	tests := []struct {
		name        string
		year        int
		due         time.Time
		field, code string
	}{
		{"future year", 2027, due, "year", "out_of_range"},
		{"no year", 0, due, "year", "required"},
		{"year before the system", 1999, due, "year", "out_of_range"},
		{"no deadline", 2026, time.Time{}, "due_at", "required"},
		{"deadline passed", 2026, clock.Add(-time.Minute), "due_at", "in_past"},
		{"deadline now", 2026, *clock, "due_at", "in_past"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.OpenAnnual(ctx, staff, tt.year, tt.due, "")
			var fe *domain.FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field || fe.Code != tt.code {
				t.Fatalf("OpenAnnual(%d, %v) = %v, want %s/%s", tt.year, tt.due, err, tt.field, tt.code)
			}
		})
	}
	if _, err := s.OpenAnnual(ctx, user(t, pool, "ag.yt"), 2026, due, ""); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("an agency opening the annual round: %v", err)
	}
	if n := countRounds(t, pool); n != 0 {
		t.Fatalf("%d rounds created by refused requests", n)
	}
	if n := len(auditOf(t, pool, "round_opened")); n != 0 {
		t.Fatalf("%d round_opened entries for refused requests", n)
	}
	// A deadline must leave a working day after the cut-off (31/10): from
	// Saturday 31/10/2026 to Monday 2/11 there is none.
	*clock = time.Date(2026, 10, 20, 9, 0, 0, 0, vn)
	for _, d := range []time.Time{time.Date(2026, 10, 28, 17, 0, 0, 0, vn), time.Date(2026, 11, 2, 17, 0, 0, 0, vn)} {
		_, err := s.OpenAnnual(ctx, staff, 2026, d, "")
		if fe := (*domain.FieldError)(nil); !errors.As(err, &fe) || fe.Field != "due_at" || fe.Code != "before_cutoff" {
			t.Errorf("OpenAnnual(2026) due %v = %v, want due_at/before_cutoff", d, err)
		}
	}
	if n := countRounds(t, pool); n != 0 {
		t.Fatalf("%d rounds created by refused requests", n)
	}
	// The year just ended may still be opened in its successor's January.
	*clock = time.Date(2027, 1, 5, 9, 0, 0, 0, vn)
	r, err := s.OpenAnnual(ctx, staff, 2026, clock.Add(7*24*time.Hour), "")
	if err != nil || r.Code != "NAM-2026" {
		t.Fatalf("OpenAnnual(2026) in January 2027 = %+v, %v", r, err)
	}
}

// A year before the merger opened late expects the units that exist when
// it is due, not Kiên Giang's ended ones: they report for their ground.
func TestOpenAnnual_PastYearExpectsTodaysUnits(t *testing.T) {
	ctx := context.Background()
	pool, s, clock := anGiang(t)
	*clock = time.Date(2026, 12, 2, 9, 0, 0, 0, vn)
	r, err := s.OpenAnnual(ctx, user(t, pool, "staff"), 2024, time.Date(2026, 12, 9, 17, 0, 0, 0, vn), "")
	if err != nil {
		t.Fatal(err)
	}
	if r.Year != 2024 || !r.DataFrom.Equal(date("2023-11-01")) || !r.Cutoff.Equal(date("2024-10-31")) {
		t.Errorf("round = %+v", r)
	}
	units, err := postgres.ListRoundUnits(ctx, pool, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, u := range units {
		codes[u.UnitCode] = true
	}
	if len(units) != 112 || !codes["XA.HONDAT"] || !codes["AG.YT"] || codes["HONDAT"] || codes["YT"] {
		t.Errorf("the late 2024 round expects %d units: %v", len(units), codes)
	}
}

// In the window the calendar opens the year's round once however many
// workers tick, audited as the calendar's; staff cannot open it again.
func TestTick_OpensAnnualOnce(t *testing.T) {
	ctx := context.Background()
	pool, s, clock := anGiang(t)
	*clock = time.Date(2026, 10, 2, 9, 0, 0, 0, vn)
	tickTwice(t, s)
	tickTwice(t, s)
	if n := countRounds(t, pool); n != 1 {
		t.Fatalf("%d rounds after four ticks, want 1", n)
	}
	r, err := postgres.AnnualRoundOf(ctx, pool, 2026)
	if err != nil {
		t.Fatal(err)
	}
	due := time.Date(2026, 11, 10, 0, 0, 0, 0, vn)
	if r.Code != "NAM-2026" || !r.DueAt.Equal(due) || r.CreatedBy != "system" ||
		catalog.Day(r.DataFrom) != "2025-11-01" || catalog.Day(r.Cutoff) != "2026-10-31" {
		t.Fatalf("round = %+v", r)
	}
	units, _ := postgres.ListRoundUnits(ctx, pool, r.ID)
	if len(units) != 112 {
		t.Fatalf("calendar round expects %d units, want 112", len(units))
	}
	entries := auditOf(t, pool, "round_opened")
	if len(entries) != 1 {
		t.Fatalf("%d round_opened entries, want 1", len(entries))
	}
	if e := entries[0]; e.actor != "calendar" || e.actorID != nil || e.target != "NAM-2026" || e.details["late"] != nil {
		t.Fatalf("audit entry = %+v", e)
	}
	_, err = s.OpenAnnual(ctx, user(t, pool, "staff"), 2026, time.Date(2026, 11, 20, 17, 0, 0, 0, vn), "")
	var exists *ExistsError
	if !errors.As(err, &exists) || exists.Round.Code != "NAM-2026" {
		t.Fatalf("OpenAnnual after the calendar = %v, want an ExistsError naming NAM-2026", err)
	}
	if n := len(auditOf(t, pool, "round_opened")); n != 1 {
		t.Fatalf("%d round_opened entries, want 1", n)
	}
}

// Staff who open the year's round before the calendar's first tick in the
// window leave the calendar nothing to open, and it does not fail.
func TestTick_AfterStaffOpenedTheYear(t *testing.T) {
	ctx := context.Background()
	pool, s, clock := anGiang(t)
	*clock = time.Date(2026, 10, 1, 7, 0, 0, 0, vn)
	if _, err := s.OpenAnnual(ctx, user(t, pool, "staff"), 2026, time.Date(2026, 11, 10, 0, 0, 0, 0, vn), ""); err != nil {
		t.Fatal(err)
	}
	*clock = clock.Add(time.Hour)
	tickTwice(t, s)
	if n := countRounds(t, pool); n != 1 {
		t.Fatalf("%d rounds, want 1", n)
	}
	entries := auditOf(t, pool, "round_opened")
	if len(entries) != 1 || entries[0].actor != "staff" {
		t.Fatalf("audit = %+v, want staff's entry only", entries)
	}
}

// An ad-hoc round's period: by default from 1 January to the day before
// it opens, in Vietnam's calendar; staff may choose it, not beyond today.
func TestOpenAdhoc_Period(t *testing.T) {
	ctx := context.Background()
	pool, s, clock := anGiang(t)
	staff := user(t, pool, "staff")
	open := func(now time.Time, start, end string) (domain.Round, error) {
		*clock = now
		req := AdhocRequest{Title: "Báo cáo nhanh số trẻ em bị xâm hại", DueAt: now.Add(72 * time.Hour),
			Units: []string{"AG.YT"}, Indicators: []string{"BV18"}}
		if start != "" {
			req.PeriodStart = date(start)
		}
		if end != "" {
			req.PeriodEnd = date(end)
		}
		return s.OpenAdhoc(ctx, staff, req, "")
	}
	tests := []struct {
		name       string
		now        time.Time
		start, end string
		want       string // "start end", or "field/code" for a refusal
	}{
		{"default", time.Date(2026, 12, 2, 9, 0, 0, 0, vn), "", "", "2026-01-01 2026-12-01"},
		// 00:30 on 2 December in Vietnam is still 1 December in UTC.
		{"default, Vietnam's day", time.Date(2026, 12, 1, 17, 30, 0, 0, time.UTC), "", "", "2026-01-01 2026-12-01"},
		{"default on 1 January: the year before", time.Date(2027, 1, 1, 9, 0, 0, 0, vn), "", "", "2026-01-01 2026-12-31"},
		{"chosen", time.Date(2026, 12, 2, 9, 0, 0, 0, vn), "2026-07-01", "2026-09-30", "2026-07-01 2026-09-30"},
		{"ending today", time.Date(2026, 12, 2, 9, 0, 0, 0, vn), "2026-11-01", "2026-12-02", "2026-11-01 2026-12-02"},
		{"start only", time.Date(2026, 12, 2, 9, 0, 0, 0, vn), "2026-07-01", "", "2026-07-01 2026-12-01"},
		{"ending tomorrow", time.Date(2026, 12, 2, 9, 0, 0, 0, vn), "2026-11-01", "2026-12-03", "period_end/in_future"},
		{"start after end", time.Date(2026, 12, 2, 9, 0, 0, 0, vn), "2026-10-01", "2026-09-30", "period_start/after_end"},
		{"start after the default end", time.Date(2026, 12, 2, 9, 0, 0, 0, vn), "2026-12-02", "", "period_start/after_end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := open(tt.now, tt.start, tt.end)
			var got string
			var fe *domain.FieldError
			switch {
			case errors.As(err, &fe):
				got = fe.Field + "/" + fe.Code
			case err != nil:
				t.Fatal(err)
			default:
				got = catalog.Day(r.PeriodStart) + " " + catalog.Day(r.PeriodEnd)
				// The data window is the period, and the year its end's.
				if catalog.Day(r.DataFrom) != catalog.Day(r.PeriodStart) || catalog.Day(r.Cutoff) != catalog.Day(r.PeriodEnd) ||
					r.Year != r.PeriodEnd.Year() {
					t.Errorf("data window %s–%s, year %d for period %s", catalog.Day(r.DataFrom), catalog.Day(r.Cutoff), r.Year, got)
				}
			}
			if got != tt.want {
				t.Fatalf("period = %s, want %s", got, tt.want)
			}
		})
	}
	// The period is in the audit entry as chosen.
	var details []byte
	if err := pool.QueryRow(ctx, `SELECT details FROM audit_log WHERE action = 'round_opened' AND details->>'period_start' = '2026-07-01'
		AND details->>'period_end' = '2026-09-30'`).Scan(&details); err != nil {
		t.Fatalf("no audit entry with the chosen period: %v", err)
	}
}

// Ad-hoc rounds are numbered by Vietnam's calendar day, whatever the
// database's time zone: one opened at 06:00 and one at 09:00 on the same
// day (23:00 and 02:00 UTC, two UTC days) are the day's first and second.
func TestOpenAdhoc_NumberedByVietnamDay(t *testing.T) {
	ctx := context.Background()
	pool, s, clock := anGiang(t)
	staff := user(t, pool, "staff")
	var codes []string
	for _, hour := range []int{6, 9, 23} {
		*clock = time.Date(2026, 12, 2, hour, 0, 0, 0, vn)
		r, err := s.OpenAdhoc(ctx, staff, AdhocRequest{Title: "Báo cáo nhanh", DueAt: clock.Add(72 * time.Hour),
			Units: []string{"AG.YT"}, Indicators: []string{"BV18"}}, "")
		if err != nil {
			t.Fatalf("at %02d:00: %v", hour, err)
		}
		codes = append(codes, r.Code)
	}
	if got := strings.Join(codes, " "); got != "DX-20261202-1 DX-20261202-2 DX-20261202-3" {
		t.Fatalf("codes = %s", got)
	}
}
