package rounds

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/jobs/jobargs"
	"baocao/internal/postgres"
	"baocao/internal/submission"
)

const day = 24 * time.Hour

// Tick takes every step that is due now: it opens the year's annual round,
// then for each open round sends reminders, overdue notices, chases and the
// staff digest, and locks the round when its time comes. Each step's notice
// has a key, so running Tick every minute, from several workers at once,
// sends each notice once.
func (s *Service) Tick(ctx context.Context) error {
	now := s.Now()
	v, err := postgres.CurrentCatalog(ctx, s.pool)
	if err != nil && !errors.Is(err, domain.ErrNoCatalog) {
		return err
	}
	if v != nil {
		year := now.In(v.Catalog.Location()).Year()
		if w := v.Catalog.AnnualWindow(year); !now.Before(w.Opens) && now.Before(w.Due) {
			err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
				_, err := s.openAnnual(ctx, tx, v, year, time.Time{}, nil, "")
				var exists *ExistsError
				if errors.As(err, &exists) || errors.Is(err, ErrNobodyExpected) {
					return nil // opened before (by the calendar or staff), or nobody to ask
				}
				return err
			})
			if err != nil {
				return fmt.Errorf("open annual round %d: %w", year, err)
			}
		}
	}
	rounds, err := postgres.ListOpenRounds(ctx, s.pool)
	if err != nil {
		return err
	}
	if s.FlushOutbox {
		if err := s.flush(ctx, now); err != nil {
			return err
		}
	}
	for _, r := range rounds {
		if err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error { return s.tickRound(ctx, tx, r, now) }); err != nil {
			return fmt.Errorf("round %s: %w", r.Code, err)
		}
	}
	return nil
}

func lockKey(ctx context.Context, tx pgx.Tx, key string) error {
	return postgres.LockKey(ctx, tx, "rounds:"+key)
}

// awaited reports whether a unit of round r has no report in hand (see
// submission.Standing.NothingSubmitted): the units reminded, marked
// overdue and chased.
func awaited(r domain.Round, sub domain.Submission) bool {
	return submission.StandingOf(sub.Status, sub.FirstSubmittedAt, sub.Deadline(r.DueAt)).NothingSubmitted()
}

func (s *Service) tickRound(ctx context.Context, tx pgx.Tx, r domain.Round, now time.Time) error {
	if err := lockKey(ctx, tx, r.Code); err != nil {
		return err
	}
	c, err := s.intake.Catalog(ctx, tx, r.CatalogVersionID)
	if err != nil {
		return err
	}
	loc := c.Location()
	sch := scheduleFor(c, r.Kind)
	subs, err := postgres.ListSubmissions(ctx, tx, access.Scope{}, r.ID)
	if err != nil {
		return err
	}
	var missing []string
	units := c.UnitsByCode()
	for _, sub := range subs {
		if !awaited(r, sub) {
			continue
		}
		u := units[sub.UnitCode]
		// A unit whose deadline staff extended is reminded and chased
		// against its own, under keys of their own.
		due, key := sub.Deadline(r.DueAt), r.Code+":"+u.Code
		if sub.UnitDueAt != nil {
			key += fmt.Sprintf(":%d", due.Unix())
		}
		if now.Before(due) {
			if k, ok := latestStep(sch.remind, func(k int) time.Time { return due.Add(-time.Duration(k) * day) }, now, r.CreatedAt); ok {
				subject, body := reminderBody(u, r, due, k)
				if _, err := s.notice(ctx, tx, unitNotice(NoticeReminder, r, u, fmt.Sprintf("reminder:%s:%d", key, k), subject, body)); err != nil {
					return err
				}
			}
			continue
		}
		missing = append(missing, u.Code)
		subject, body := overdueBody(u, r, due)
		if _, err := s.notice(ctx, tx, unitNotice(NoticeOverdue, r, u, "overdue:"+key, subject, body)); err != nil {
			return err
		}
		if k, ok := latestStep(sch.chase, func(k int) time.Time { return due.Add(time.Duration(k) * day) }, now, due); ok {
			subject, body := chaseBody(u, r, due, c.DaysLate(due, now))
			if _, err := s.notice(ctx, tx, unitNotice(NoticeChase, r, u, fmt.Sprintf("chase:%s:%d", key, k), subject, body)); err != nil {
				return err
			}
		}
	}
	if !now.Before(r.DueAt) {
		if err := s.staffOverdue(ctx, tx, c, r, missing, len(subs)); err != nil {
			return err
		}
	}
	if err := s.digest(ctx, tx, c, r, now, loc); err != nil {
		return err
	}
	if err := s.reportCheck(ctx, tx, r, now); err != nil {
		return err
	}
	if lockAt := r.DueAt.Add(time.Duration(sch.lock) * day); !now.Before(lockAt) {
		if err := postgres.SetRoundStatus(ctx, tx, r.ID, "locked", now); err != nil {
			return err
		}
		body := fmt.Sprintf("Kỳ báo cáo \"%s\" đã khóa lúc %s (%d ngày sau hạn nộp). Còn %d/%d đơn vị chưa nộp: %s.",
			r.Title, local(now, loc), sch.lock, len(missing), len(subs), listOrNone(missing))
		if err := s.staffNotice(ctx, tx, c, r, NoticeLocked, "locked:"+r.Code, "Đã khóa kỳ báo cáo — "+r.Title, body); err != nil {
			return err
		}
	}
	return nil
}

// latestStep picks, of the steps whose time has come, the one nearest now
// (a reminder 1 day before supersedes the one 7 days before). A step whose
// time fell before notBefore (the round did not exist yet) is skipped.
func latestStep(days []int, when func(int) time.Time, now, notBefore time.Time) (int, bool) {
	best, found := 0, false
	var bestAt time.Time
	for _, k := range days {
		t := when(k)
		if t.After(now) || t.Before(notBefore) {
			continue
		}
		if !found || t.After(bestAt) {
			best, bestAt, found = k, t, true
		}
	}
	return best, found
}

func (s *Service) staffOverdue(ctx context.Context, tx pgx.Tx, c *catalog.Catalog, r domain.Round, missing []string, expected int) error {
	if len(missing) == 0 {
		return nil
	}
	var lines []string
	for _, code := range missing {
		u, _ := c.Unit(code)
		lines = append(lines, fmt.Sprintf("- %s (%s)", u.Name, orDash(u.Email)))
	}
	body := fmt.Sprintf("Đã hết hạn nộp báo cáo \"%s\" (%s). %d/%d đơn vị chưa nộp:\n%s\n\nHệ thống đã gửi thông báo quá hạn cho từng đơn vị.",
		r.Title, catalog.DeadlineText(r.DueAt), len(missing), expected, strings.Join(lines, "\n"))
	return s.staffNotice(ctx, tx, c, r, NoticeStaffOverdue, "staff_overdue:"+r.Code, "Đơn vị chưa nộp báo cáo khi hết hạn — "+r.Title, body)
}

// digest tells staff, once a day from 08:00, what changed in the round
// over the past day; nothing is sent on a quiet day.
func (s *Service) digest(ctx context.Context, tx pgx.Tx, c *catalog.Catalog, r domain.Round, now time.Time, loc *time.Location) error {
	l := now.In(loc)
	if l.Hour() < 8 {
		return nil
	}
	since := time.Date(l.Year(), l.Month(), l.Day(), 8, 0, 0, 0, loc).Add(-day)
	changes, err := postgres.RoundEventsBetween(ctx, tx, r.ID, since, since.Add(day))
	if err != nil {
		return fmt.Errorf("digest: %w", err)
	}
	if len(changes) == 0 {
		return nil
	}
	names := map[string]string{"submitted": "nộp báo cáo", "accepted": "được tiếp nhận", "returned": "bị trả lại", "reopened": "được mở lại",
		"withdrawn": "rút lại để sửa"}
	var lines []string
	for _, ch := range changes {
		u, _ := c.Unit(ch.Unit)
		lines = append(lines, fmt.Sprintf("- %s: %s lúc %s", u.Name, names[ch.Kind], local(ch.At, loc)))
	}
	sort.Strings(lines)
	dayKey := since.Add(day).Format("2006-01-02")
	body := fmt.Sprintf("Thay đổi trong kỳ báo cáo \"%s\" từ 08:00 ngày %s:\n%s", r.Title, since.Format("02/01/2006"), strings.Join(lines, "\n"))
	return s.staffNotice(ctx, tx, c, r, NoticeDigest, "digest:"+r.Code+":"+dayKey, "Tình hình nộp báo cáo ngày "+since.Add(day).Format("02/01/2006"), body)
}

func listOrNone(codes []string) string {
	if len(codes) == 0 {
		return "không có"
	}
	return strings.Join(codes, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "chưa có e-mail"
	}
	return s
}

// flush re-enqueues deliveries of notices queued for more than five
// minutes, in one insert; a delivery already waiting or running is not
// duplicated.
func (s *Service) flush(ctx context.Context, now time.Time) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		ids, err := postgres.QueuedNotificationsBefore(ctx, tx, now.Add(-5*time.Minute), 1000)
		if err != nil || len(ids) == 0 {
			return err
		}
		sends := make([]river.InsertManyParams, len(ids))
		for i, id := range ids {
			sends[i] = river.InsertManyParams{Args: jobargs.DeliverArgs{NotificationID: id}}
		}
		if _, err := s.jobs.InsertManyTx(ctx, tx, sends); err != nil {
			return fmt.Errorf("deliver %d queued notices: %w", len(ids), err)
		}
		return nil
	})
}

// reportDebounce is the least time between two automatic reports.
const reportDebounce = 10 * time.Minute

// reportCheck asks for a new consolidated report, with nobody asking, when
// the deadline has passed or every unit is accepted, and there is no
// report yet or a submission was accepted since the last one (at most once
// per reportDebounce). The job is unique per ten minutes, and unchanged
// data makes no new report, so several workers ask once.
func (s *Service) reportCheck(ctx context.Context, tx pgx.Tx, r domain.Round, now time.Time) error {
	st, err := postgres.RoundReportState(ctx, tx, r.ID)
	if err != nil {
		return err
	}
	last, lastAccept, allAccepted := st.LastSnapshot, st.LastAccepted, st.AllAccepted
	if now.Before(r.DueAt) && !allAccepted {
		return nil
	}
	if last != nil && (lastAccept == nil || !lastAccept.After(*last) || now.Sub(*last) < reportDebounce) {
		return nil
	}
	if _, err := s.jobs.InsertTx(ctx, tx, jobargs.ConsolidateArgs{Round: r.Code}, nil); err != nil {
		return fmt.Errorf("report of %s: %w", r.Code, err)
	}
	return nil
}

// NotifyStaff writes a notice to staff about round (reports.StaffNotifier).
func (s *Service) NotifyStaff(ctx context.Context, tx pgx.Tx, r domain.Round, subject, body, key string) error {
	c, err := s.intake.Catalog(ctx, tx, r.CatalogVersionID)
	if err != nil {
		return err
	}
	return s.staffNotice(ctx, tx, c, r, "report_ready", key, subject, body)
}
