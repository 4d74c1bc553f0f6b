// Package rounds runs the reporting calendar: it opens annual rounds on
// schedule and ad-hoc rounds on request, reminds units before the deadline,
// marks them overdue and chases them after it, locks rounds, and measures
// completeness. Every notice goes to the outbox in the transaction of the
// step that causes it, keyed so that it exists once however often, and from
// however many workers, the check runs.
package rounds

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/catalog"
	"baocao/internal/intake"
	"baocao/internal/postgres"
)

// Enqueue starts the delivery of a notice inside the transaction that
// wrote it.
type Enqueue func(ctx context.Context, tx pgx.Tx, notificationID int64) error

// Service is the reporting calendar.
type Service struct {
	pool    *pgxpool.Pool
	intake  *intake.Service
	enqueue Enqueue
	// Now is the clock; tests drive it.
	Now func() time.Time
	// FlushOutbox makes each tick re-enqueue the delivery of notices still
	// queued (a mail server that was down, or configured since); off when
	// there is no mail server to deliver to.
	FlushOutbox bool
	// ReportDue enqueues the consolidation of a round, inside the tick's
	// transaction, when the round calls for a new report (see reportCheck).
	ReportDue func(ctx context.Context, tx pgx.Tx, r postgres.Round) error
}

// New returns the service.
func New(pool *pgxpool.Pool, in *intake.Service, enqueue Enqueue) *Service {
	return &Service{pool: pool, intake: in, enqueue: enqueue, Now: time.Now}
}

// location is the catalog's time zone (Asia/Ho_Chi_Minh).
func location(c *catalog.Catalog) *time.Location {
	if loc, err := time.LoadLocation(c.Schedules.Timezone); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}

// at is month-day "MM-DD" of year at hh:mm in loc.
func at(loc *time.Location, year int, monthDay, hhmm string) time.Time {
	var m, d, hh, mm int
	fmt.Sscanf(monthDay, "%d-%d", &m, &d)
	if hhmm != "" {
		fmt.Sscanf(hhmm, "%d:%d", &hh, &mm)
	}
	return time.Date(year, time.Month(m), d, hh, mm, 0, 0, loc)
}

// schedule is the steps of a round: reminders before the deadline, chases
// after it, and when it locks.
type schedule struct {
	remind []int
	chase  []int
	lock   int
}

func scheduleFor(c *catalog.Catalog, kind string) schedule {
	if kind == catalog.RoundAdhoc {
		a := c.Schedules.Adhoc
		return schedule{remind: a.RemindDays, chase: a.ChaseDays, lock: a.LockAfterDays}
	}
	a := c.Schedules.Annual
	return schedule{remind: a.RemindDays, chase: a.ChaseDays, lock: a.LockAfterDays}
}

// AnnualRound is year's annual round of catalog version v as the calendar
// opens it: code, title, the calendar year as its period, the schedule's
// deadline, and every unit the catalog expects that year with its form.
// ok is false when the catalog expects nobody that year.
func AnnualRound(v *postgres.CatalogVersion, year int) (r postgres.Round, units []postgres.RoundUnit, ok bool) {
	c := v.Catalog
	a := c.Schedules.Annual
	start := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	expected, _ := c.Reporters(catalog.RoundAnnual, start, end)
	for _, e := range expected {
		units = append(units, postgres.RoundUnit{UnitCode: e.Unit.Code, FormCode: e.Form.Code})
	}
	r = postgres.Round{Code: fmt.Sprintf("%s-%d", a.Code, year), Kind: catalog.RoundAnnual,
		Title: titleFor(a.Title, year), PeriodStart: start, PeriodEnd: end,
		DueAt: at(location(c), year, a.Due, a.DueTime), CatalogVersionID: v.ID}
	return r, units, len(units) > 0
}

// openAnnual opens year's annual round on the current catalog unless it
// exists; it reports whether it did.
func (s *Service) openAnnual(ctx context.Context, tx pgx.Tx, v *postgres.CatalogVersion, year int) (bool, error) {
	r, units, ok := AnnualRound(v, year)
	if _, err := postgres.GetRound(ctx, tx, r.Code); err == nil {
		return false, nil
	}
	if !ok {
		return false, nil // the catalog expects nobody that year: nothing to open
	}
	r.CreatedAt = s.Now()
	round, err := postgres.CreateRound(ctx, tx, r, units)
	if err != nil {
		return false, err
	}
	return true, s.noticeOpened(ctx, tx, v.Catalog, round, units)
}
