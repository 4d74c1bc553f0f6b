// Package rounds runs the reporting calendar: it opens annual rounds on
// schedule and ad-hoc rounds on request, reminds units before the deadline,
// marks them overdue and chases them after it, locks rounds, and measures
// completeness. Every notice goes to the outbox in the transaction of the
// step that causes it, keyed so that it exists once however often, and from
// however many workers, the check runs.
package rounds

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/intake"
	"baocao/internal/postgres"
)

// Service is the reporting calendar.
type Service struct {
	pool   *pgxpool.Pool
	intake *intake.Service
	// jobs inserts each notice's delivery and the automatic reports'
	// generations in the transaction of the step that calls for them.
	jobs *river.Client[pgx.Tx]
	// Now is the clock; tests drive it.
	Now func() time.Time
	// FlushOutbox makes each tick re-enqueue the delivery of notices still
	// queued (a mail server that was down, or configured since); off when
	// there is no mail server to deliver to.
	FlushOutbox bool
}

// New returns the service; jobs inserts its jobs (an insert-only client,
// jobargs.NewInserter, is enough). It also becomes in's notifier: the
// notices of staff decisions on a report go to the outbox beside the
// calendar's.
func New(pool *pgxpool.Pool, in *intake.Service, jobs *river.Client[pgx.Tx]) *Service {
	s := &Service{pool: pool, intake: in, jobs: jobs, Now: time.Now}
	in.Notices = s
	return s
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

// AnnualRound is year's annual round of catalog version v: code, title,
// the calendar year as its period, the schedule's data window and
// deadline, and every unit in force on the due day with its form. dueAt,
// when not zero, replaces the schedule's deadline (a round opened late),
// and its day decides the units: those that exist to report. ok is false
// when the catalog expects nobody.
func AnnualRound(v *domain.CatalogVersion, year int, dueAt time.Time) (r domain.Round, units []domain.RoundUnit, ok bool) {
	c := v.Catalog
	a := c.Schedules.Annual
	w := c.AnnualWindow(year)
	due := w.Due
	if !dueAt.IsZero() {
		due = dueAt
	}
	start := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	expected, _ := c.Reporters(catalog.RoundAnnual, start, c.LocalDay(due))
	for _, e := range expected {
		units = append(units, domain.RoundUnit{UnitCode: e.Unit.Code, FormCode: e.Form.Code})
	}
	r = domain.Round{Code: fmt.Sprintf("%s-%d", a.Code, year), Kind: catalog.RoundAnnual,
		Title: titleFor(a.Title, year), PeriodStart: start, PeriodEnd: time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC),
		DueAt: due, CatalogVersionID: v.ID, Year: year, DataFrom: w.DataFrom, Cutoff: w.Cutoff}
	return r, units, len(units) > 0
}

// openAnnual opens year's annual round on catalog version v unless the
// year has one, for the calendar (by nil) or a member of staff, with
// dueAt replacing the schedule's deadline when not zero. It notifies the
// units and writes the audit entry. The year's round that exists is
// returned with an ExistsError; a catalog expecting nobody is
// ErrNobodyExpected.
func (s *Service) openAnnual(ctx context.Context, tx pgx.Tx, v *domain.CatalogVersion, year int, dueAt time.Time, by *access.User, ip string) (domain.Round, error) {
	if err := lockKey(ctx, tx, "open-annual"); err != nil {
		return domain.Round{}, err
	}
	if existing, err := postgres.AnnualRoundOf(ctx, tx, year); err == nil {
		return existing, &ExistsError{Round: existing}
	} else if !errors.Is(err, domain.ErrNotFound) {
		return domain.Round{}, err
	}
	r, units, ok := AnnualRound(v, year, dueAt)
	if !ok {
		return domain.Round{}, ErrNobodyExpected
	}
	if _, err := postgres.GetRound(ctx, tx, r.Code); err == nil {
		// Another kind of round took the code: the year's annual round
		// cannot be named as the schedule says.
		return domain.Round{}, fmt.Errorf("round code %s is taken: %w", r.Code, domain.ErrConflict)
	}
	r.CreatedAt = s.Now()
	audit := domain.AuditEntry{Actor: "calendar", Action: "round_opened", Target: r.Code, IP: ip,
		Details: map[string]any{"kind": catalog.RoundAnnual, "year": year, "due_at": r.DueAt, "units": len(units), "catalog_version": v.ID}}
	if by != nil {
		r.CreatedBy = by.Username
		audit.ActorID, audit.Actor = &by.ID, by.Username
		audit.Details["late"] = true
	}
	// The advisory lock above keeps a second opener out, so CreateRound
	// cannot meet the year's round; its unique index is the last guard.
	round, err := postgres.CreateRound(ctx, tx, r, units)
	if err != nil {
		return domain.Round{}, err
	}
	if err := s.noticeOpened(ctx, tx, v.Catalog, round, units); err != nil {
		return domain.Round{}, err
	}
	return round, postgres.Audit(ctx, tx, audit)
}

// ExistsError refuses a second annual round for a year, naming the one
// that exists.
type ExistsError struct {
	Round domain.Round
}

func (e *ExistsError) Error() string {
	return fmt.Sprintf("the annual round of %d exists: %s", e.Round.Year, e.Round.Code)
}

// Unwrap makes an ExistsError an domain.ErrConflict.
func (e *ExistsError) Unwrap() error { return domain.ErrConflict }

// ErrNobodyExpected refuses a round no unit of the catalog would report in.
var ErrNobodyExpected = &domain.FieldError{Field: "year", Code: "nobody_expected"}

// OpenAnnual opens the annual round of year on the current catalog when
// the calendar did not (its window passed before the catalog was loaded,
// or the catalog changed), with the deadline staff choose. A year that
// has its round is refused with an ExistsError; the year may not be in
// the future. Audited as the member of staff's.
func (s *Service) OpenAnnual(ctx context.Context, u access.User, year int, dueAt time.Time, ip string) (domain.Round, error) {
	if !access.Allow(u, access.ManageRounds, "") {
		return domain.Round{}, domain.ErrForbidden
	}
	v, err := postgres.CurrentCatalog(ctx, s.pool)
	if err != nil {
		return domain.Round{}, err
	}
	now := s.Now()
	switch {
	case year == 0:
		return domain.Round{}, &domain.FieldError{Field: "year", Code: "required"}
	case year < 2000 || year > now.In(v.Catalog.Location()).Year():
		return domain.Round{}, &domain.FieldError{Field: "year", Code: "out_of_range"}
	case dueAt.IsZero():
		return domain.Round{}, &domain.FieldError{Field: "due_at", Code: "required"}
	case !dueAt.After(now):
		return domain.Round{}, &domain.FieldError{Field: "due_at", Code: "in_past"}
	case !catalog.WorkingDayBetween(v.Catalog.AnnualWindow(year).Cutoff, v.Catalog.LocalDay(dueAt)):
		return domain.Round{}, &domain.FieldError{Field: "due_at", Code: "before_cutoff"}
	}
	var round domain.Round
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		round, err = s.openAnnual(ctx, tx, v, year, dueAt, &u, ip)
		return err
	})
	if err != nil {
		return round, err
	}
	return postgres.GetRound(ctx, s.pool, round.Code)
}
