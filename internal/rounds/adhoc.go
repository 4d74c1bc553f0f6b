package rounds

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/intake"
	"baocao/internal/postgres"
)

// AdhocRequest is what staff ask in an ad-hoc round (báo cáo đột xuất).
type AdhocRequest struct {
	Title      string
	DueAt      time.Time
	Units      []string
	Indicators []string
	// PeriodStart and PeriodEnd are the days the figures are counted
	// over; zero: from 1 January to the day before the round opens.
	PeriodStart, PeriodEnd time.Time
}

// DefaultAdhocPeriod is the period of an ad-hoc round opened on today
// when staff choose none: from 1 January to the day before.
func DefaultAdhocPeriod(today time.Time) (start, end time.Time) {
	end = today.AddDate(0, 0, -1)
	return yearStart(end), end
}

func yearStart(day time.Time) time.Time { return time.Date(day.Year(), 1, 1, 0, 0, 0, 0, time.UTC) }

// adhocPeriod is the period of an ad-hoc round opened on today: the one
// asked, with DefaultAdhocPeriod's days for what was left out.
func adhocPeriod(req AdhocRequest, today time.Time) (start, end time.Time, err error) {
	start, end = dayOf(req.PeriodStart), dayOf(req.PeriodEnd)
	if end.IsZero() {
		_, end = DefaultAdhocPeriod(today)
	}
	if start.IsZero() {
		start = yearStart(end)
	}
	switch {
	case end.After(today):
		return start, end, &domain.FieldError{Field: "period_end", Code: "in_future"}
	case start.After(end):
		return start, end, &domain.FieldError{Field: "period_start", Code: "after_end"}
	}
	return start, end, nil
}

// dayOf keeps the calendar day of t as written (zero stays zero).
func dayOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// OpenAdhoc opens an ad-hoc round on the current catalog for the chosen
// units and indicators, and notifies those units. Only they see it.
func (s *Service) OpenAdhoc(ctx context.Context, u access.User, req AdhocRequest, ip string) (domain.Round, error) {
	if !access.Allow(u, access.ManageRounds, "") {
		return domain.Round{}, domain.ErrForbidden
	}
	v, err := postgres.CurrentCatalog(ctx, s.pool)
	if err != nil {
		return domain.Round{}, err
	}
	c := v.Catalog
	now := s.Now()
	req.Title = strings.TrimSpace(req.Title)
	switch {
	case req.Title == "" || len([]rune(req.Title)) > 300:
		return domain.Round{}, &domain.FieldError{Field: "title", Code: "required"}
	case req.DueAt.IsZero():
		return domain.Round{}, &domain.FieldError{Field: "due_at", Code: "required"}
	case !req.DueAt.After(now):
		return domain.Round{}, &domain.FieldError{Field: "due_at", Code: "in_past"}
	case len(req.Units) == 0:
		return domain.Round{}, &domain.FieldError{Field: "units", Code: "required"}
	case len(req.Indicators) == 0:
		return domain.Round{}, &domain.FieldError{Field: "indicators", Code: "required"}
	}
	loc := c.Location()
	today := c.LocalDay(now)
	periodStart, periodEnd, err := adhocPeriod(req, today)
	if err != nil {
		return domain.Round{}, err
	}
	var units []domain.RoundUnit
	for _, code := range req.Units {
		code = strings.ToUpper(strings.TrimSpace(code))
		un, ok := c.Unit(code)
		if !ok || un.Kind == catalog.KindProvince || slices.ContainsFunc(units, func(r domain.RoundUnit) bool { return r.UnitCode == code }) {
			return domain.Round{}, &domain.FieldError{Field: "units", Code: "unknown"}
		}
		if !un.ValidOn(today) {
			return domain.Round{}, &domain.FieldError{Field: "units", Code: "not_valid"}
		}
		units = append(units, domain.RoundUnit{UnitCode: code, FormCode: intake.AdhocForm})
	}
	var inds []string
	for _, code := range req.Indicators {
		code = strings.ToUpper(strings.TrimSpace(code))
		if _, ok := c.Indicator(code); !ok || slices.Contains(inds, code) {
			return domain.Round{}, &domain.FieldError{Field: "indicators", Code: "unknown"}
		}
		inds = append(inds, code)
	}
	var round domain.Round
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		l := now.In(loc)
		n, err := postgres.CountAdhocRoundsOn(ctx, tx, time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, loc))
		if err != nil {
			return err
		}
		code := fmt.Sprintf("DX-%s-%d", now.In(loc).Format("20060102"), n+1)
		round, err = postgres.CreateRound(ctx, tx, domain.Round{Code: code, Kind: catalog.RoundAdhoc, Title: req.Title,
			PeriodStart: periodStart, PeriodEnd: periodEnd, DueAt: req.DueAt, CatalogVersionID: v.ID, Indicators: inds,
			CreatedBy: u.Username, CreatedAt: now}, units)
		if err != nil {
			return err
		}
		if err := s.noticeOpened(ctx, tx, c, round, units); err != nil {
			return err
		}
		return postgres.Audit(ctx, tx, domain.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: "round_opened", Target: code, IP: ip,
			Details: map[string]any{"kind": catalog.RoundAdhoc, "units": req.Units, "indicators": inds, "due_at": req.DueAt,
				"period_start": catalog.Day(periodStart), "period_end": catalog.Day(periodEnd)}})
	})
	if err != nil {
		return domain.Round{}, err
	}
	return postgres.GetRound(ctx, s.pool, round.Code)
}

// ErrTooSoon refuses a manual reminder sent again within the hour.
var ErrTooSoon = fmt.Errorf("a reminder was sent less than an hour ago: %w", domain.ErrConflict)

// RemindNow sends a reminder to every unit that has not submitted, at most
// once an hour per round, and records who asked.
func (s *Service) RemindNow(ctx context.Context, u access.User, roundCode, ip string) (int, error) {
	if !access.Allow(u, access.ManageRounds, "") {
		return 0, domain.ErrForbidden
	}
	r, err := postgres.GetRound(ctx, s.pool, roundCode)
	if err != nil {
		return 0, err // domain.ErrNotFound, naming the round, when there is none
	}
	now := s.Now()
	hour := now.UTC().Format("2006-01-02T15")
	sent := 0
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := lockKey(ctx, tx, r.Code); err != nil {
			return err
		}
		recent, err := postgres.CountAudit(ctx, tx, "manual_reminder", r.Code, now.Add(-time.Hour))
		if err != nil {
			return err
		}
		if recent > 0 {
			return ErrTooSoon
		}
		c, err := s.intake.Catalog(ctx, tx, r.CatalogVersionID)
		if err != nil {
			return err
		}
		subs, err := postgres.ListSubmissions(ctx, tx, access.Scope{}, r.ID)
		if err != nil {
			return err
		}
		for _, sub := range subs {
			if !awaited(r, sub) {
				continue
			}
			un, _ := c.Unit(sub.UnitCode)
			due := sub.Deadline(r.DueAt)
			subject, body := reminderBody(un, r, due, catalog.DaysLeft(due, now))
			if !now.Before(due) {
				subject, body = overdueBody(un, r, due)
			}
			ok, err := s.notice(ctx, tx, unitNotice(NoticeManual, r, un, fmt.Sprintf("manual:%s:%s:%s", r.Code, un.Code, hour), subject, body))
			if err != nil {
				return err
			}
			if ok {
				sent++
			}
		}
		return postgres.Audit(ctx, tx, domain.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: "manual_reminder",
			Target: r.Code, IP: ip, Details: map[string]any{"sent": sent}})
	})
	return sent, err
}
