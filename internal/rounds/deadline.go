package rounds

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
	"baocao/internal/submission"
)

// Extension is a staff request to extend a deadline: the round's, or one
// unit's when Unit is set.
type Extension struct {
	DueAt  time.Time
	Unit   string
	Reason string
}

// ExtendDeadline moves a round's deadline, or one unit's, later, with a
// reason. The unit's timeliness, reminders and chasers follow its new
// deadline; the unit (for a round, each unit still owing a report) is
// told the new deadline and why; the extension is kept and audited. One
// unit's deadline may be extended in a locked round too: that reopens the
// round for that unit alone until its new deadline (intake.View.OpenFor).
func (s *Service) ExtendDeadline(ctx context.Context, u access.User, roundCode string, e Extension, ip string) (domain.Round, error) {
	if !access.Allow(u, access.ManageRounds, "") {
		return domain.Round{}, domain.ErrForbidden
	}
	e.Reason, e.Unit = strings.TrimSpace(e.Reason), strings.ToUpper(strings.TrimSpace(e.Unit))
	if e.Reason == "" {
		return domain.Round{}, &domain.FieldError{Field: "reason", Code: "required"}
	}
	if e.DueAt.IsZero() {
		return domain.Round{}, &domain.FieldError{Field: "due_at", Code: "required"}
	}
	r, err := postgres.GetRound(ctx, s.pool, roundCode)
	if err != nil {
		return r, err // domain.ErrNotFound, naming the round, when there is none
	}
	if r.Status != "open" && e.Unit == "" {
		return r, fmt.Errorf("round %s is %s: %w", r.Code, r.Status, domain.ErrLocked)
	}
	now := s.Now()
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := lockKey(ctx, tx, r.Code); err != nil {
			return err
		}
		subs, err := postgres.ListSubmissions(ctx, tx, access.Scope{}, r.ID)
		if err != nil {
			return err
		}
		ext := domain.DeadlineExtension{RoundID: r.ID, OldDueAt: r.DueAt, NewDueAt: e.DueAt, Reason: e.Reason, Actor: u.Username}
		var told []domain.Submission
		for _, sub := range subs {
			owes := !submission.StandingOf(sub.Status, sub.FirstSubmittedAt, sub.Deadline(r.DueAt)).Submitted()
			if e.Unit == "" && owes && sub.UnitDueAt == nil {
				told = append(told, sub)
			}
			if sub.UnitCode == e.Unit {
				unit := sub.UnitCode
				ext.Unit, ext.OldDueAt = &unit, sub.Deadline(r.DueAt)
				told = append(told, sub)
			}
		}
		if e.Unit != "" && ext.Unit == nil {
			return &domain.FieldError{Field: "unit", Code: "unknown"}
		}
		if !e.DueAt.After(ext.OldDueAt) || !e.DueAt.After(now) {
			return &domain.FieldError{Field: "due_at", Code: "not_later"}
		}
		if err := postgres.ExtendDeadline(ctx, tx, ext); err != nil {
			return err
		}
		c, err := s.intake.Catalog(ctx, tx, r.CatalogVersionID)
		if err != nil {
			return err
		}
		for _, sub := range told {
			un, _ := c.Unit(sub.UnitCode)
			reopened := ""
			if r.Status != "open" {
				reopened = " Kỳ báo cáo đã khóa được mở lại riêng cho đơn vị đến hạn mới."
			}
			body := fmt.Sprintf("Kính gửi %s,\n\nHạn nộp báo cáo \"%s\" của đơn vị được gia hạn đến %s (hạn trước: %s).%s Lý do: %s\n\n"+
				"Báo cáo nộp trước hạn mới được ghi nhận là nộp đúng hạn.%s",
				un.Name, r.Title, catalog.DeadlineText(e.DueAt), catalog.DeadlineText(ext.OldDueAt), reopened, e.Reason, signature)
			key := fmt.Sprintf("extended:%s:%s:%d", r.Code, sub.UnitCode, e.DueAt.Unix())
			if _, err := s.notice(ctx, tx, unitNotice(NoticeExtended, r, un, key, "Gia hạn nộp báo cáo — "+r.Title, body)); err != nil {
				return err
			}
		}
		target := r.Code
		if e.Unit != "" {
			target += "/" + e.Unit
		}
		return postgres.Audit(ctx, tx, domain.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: "deadline_extended", Target: target,
			IP: ip, Details: map[string]any{"from": ext.OldDueAt, "to": e.DueAt, "reason": e.Reason}})
	})
	if err != nil {
		return r, err
	}
	return postgres.GetRound(ctx, s.pool, roundCode)
}

// Close locks an open round before its time, with a reason: nothing more
// is entered or submitted in it; units that still owe a report are told.
func (s *Service) Close(ctx context.Context, u access.User, roundCode, reason, ip string) (domain.Round, error) {
	if !access.Allow(u, access.ManageRounds, "") {
		return domain.Round{}, domain.ErrForbidden
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return domain.Round{}, &domain.FieldError{Field: "reason", Code: "required"}
	}
	r, err := postgres.GetRound(ctx, s.pool, roundCode)
	if err != nil {
		return r, err // domain.ErrNotFound, naming the round, when there is none
	}
	if r.Status != "open" {
		return r, fmt.Errorf("round %s is %s: %w", r.Code, r.Status, domain.ErrLocked)
	}
	now := s.Now()
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := lockKey(ctx, tx, r.Code); err != nil {
			return err
		}
		if err := postgres.SetRoundStatus(ctx, tx, r.ID, "locked", now); err != nil {
			return err
		}
		subs, err := postgres.ListSubmissions(ctx, tx, access.Scope{}, r.ID)
		if err != nil {
			return err
		}
		c, err := s.intake.Catalog(ctx, tx, r.CatalogVersionID)
		if err != nil {
			return err
		}
		for _, sub := range subs {
			if submission.StandingOf(sub.Status, sub.FirstSubmittedAt, sub.Deadline(r.DueAt)).Submitted() {
				continue
			}
			un, _ := c.Unit(sub.UnitCode)
			body := fmt.Sprintf("Kính gửi %s,\n\nKỳ báo cáo \"%s\" đã được khóa lúc %s, trước thời hạn. Lý do: %s\n\n"+
				"Hệ thống không nhận thêm số liệu của kỳ này; nếu đơn vị cần nộp, đề nghị liên hệ cán bộ tổng hợp.%s",
				un.Name, r.Title, local(now, c.Location()), reason, signature)
			if _, err := s.notice(ctx, tx, unitNotice(NoticeLocked, r, un, fmt.Sprintf("closed:%s:%s", r.Code, un.Code),
				"Đã khóa kỳ báo cáo — "+r.Title, body)); err != nil {
				return err
			}
		}
		return postgres.Audit(ctx, tx, domain.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: "round_closed", Target: r.Code,
			IP: ip, Details: map[string]any{"reason": reason, "due_at": r.DueAt}})
	})
	if err != nil {
		return r, err
	}
	return postgres.GetRound(ctx, s.pool, roundCode)
}
