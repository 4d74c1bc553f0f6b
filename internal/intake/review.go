package intake

import (
	"cmp"
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

// Review decisions.
const (
	DecisionAccept = "accept"
	DecisionReturn = "return"
)

// Submit submits the current revision, once no error and no unexplained
// warning remains. Submitting again changes nothing. Like Save, it reads
// in one batch and writes in another (see change).
func (s *Service) Submit(ctx context.Context, u access.User, roundCode, unit, ip string) (*View, error) {
	if !access.Allow(u, access.WriteSubmission, unit) {
		return nil, domain.ErrForbidden
	}
	return s.change(ctx, u, roundCode, unit, postgres.ReadOptions{}, func(v *View, _ *postgres.SubmissionRead, writes *pgx.Batch) error {
		return s.submit(ctx, writes, u, v, roundCode, unit, ip)
	})
}

// submit checks v and queues its submission on writes. The first
// submission's time is kept for good: a report returned or withdrawn and
// submitted again is judged on time or late by it.
func (s *Service) submit(ctx context.Context, writes *pgx.Batch, u access.User, v *View, roundCode, unit, ip string) error {
	if v.Sub.Status == submission.StatusSubmitted {
		return s.validate(ctx, s.pool, v)
	}
	if err := lockedFor(v, s.Now()); err != nil {
		return err
	}
	if err := s.validate(ctx, s.pool, v); err != nil {
		return err
	}
	if submission.Blocking(v.Issues) || v.Sub.Revision == 0 {
		return &BlockedError{Issues: v.Issues}
	}
	now := s.Now()
	first := now
	if v.Sub.FirstSubmittedAt != nil {
		first = *v.Sub.FirstSubmittedAt
	}
	v.Sub.Status, v.Sub.SubmittedAt, v.Sub.FirstSubmittedAt = submission.StatusSubmitted, &now, &first
	standing := v.Standing()
	postgres.QueueUpdateSubmission(writes, v.Sub)
	postgres.QueueAddEvent(writes, v.Sub.ID, domain.Event{ActorID: &u.ID, Actor: u.Username, Kind: "submitted", Revision: v.Sub.Revision})
	postgres.QueueAudit(writes, domain.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: "submission_submitted",
		Target: roundCode + "/" + unit, IP: ip, Details: map[string]any{"revision": v.Sub.Revision,
			"on_time": standing == submission.StandingOnTime, "resubmitted": submission.Resubmitted(v.Sub.FirstSubmittedAt, v.Sub.SubmittedAt)}})
	return nil
}

// Withdraw takes back a submitted report that staff have not reviewed yet,
// so that the unit can change it: it becomes a draft again and counts only
// once submitted anew. The first submission's time is kept (see submit).
func (s *Service) Withdraw(ctx context.Context, u access.User, roundCode, unit, ip string) (*View, error) {
	if !access.Allow(u, access.WriteSubmission, unit) {
		return nil, domain.ErrForbidden
	}
	return s.transition(ctx, u, roundCode, unit, ip, submission.StatusSubmitted, "withdrawn", "", func(v *View, _ time.Time) error {
		if !v.OpenFor(s.Now()) {
			return fmt.Errorf("round %s is %s: %w", v.Round.Code, v.Round.Status, domain.ErrLocked)
		}
		v.Sub.Status, v.Sub.SubmittedAt = submission.StatusDraft, nil
		return nil
	})
}

// Review accepts or returns a submitted submission. Returning needs a
// comment saying what to fix.
func (s *Service) Review(ctx context.Context, u access.User, roundCode, unit, decision, comment, ip string) (*View, error) {
	if !access.Allow(u, access.ReviewSubmission, unit) {
		return nil, domain.ErrForbidden
	}
	comment = strings.TrimSpace(comment)
	switch decision {
	case DecisionAccept, DecisionReturn:
	default:
		return nil, &domain.FieldError{Field: "decision", Code: "invalid"}
	}
	if decision == DecisionReturn && comment == "" {
		return nil, &domain.FieldError{Field: "comment", Code: "required"}
	}
	to, event := submission.StatusAccepted, "accepted"
	if decision == DecisionReturn {
		to, event = submission.StatusReturned, "returned"
	}
	return s.transition(ctx, u, roundCode, unit, ip, submission.StatusSubmitted, event, comment, s.reviewed(u, to, comment))
}

// Reopen returns an accepted submission to its unit for changes.
func (s *Service) Reopen(ctx context.Context, u access.User, roundCode, unit, comment, ip string) (*View, error) {
	if !access.Allow(u, access.ReviewSubmission, unit) {
		return nil, domain.ErrForbidden
	}
	comment = strings.TrimSpace(comment)
	if comment == "" {
		return nil, &domain.FieldError{Field: "comment", Code: "required"}
	}
	return s.transition(ctx, u, roundCode, unit, ip, submission.StatusAccepted, "reopened", comment,
		s.reviewed(u, submission.StatusReturned, comment))
}

// reviewed is a staff decision's change to a submission.
func (s *Service) reviewed(u access.User, to submission.Status, comment string) func(*View, time.Time) error {
	return func(v *View, now time.Time) error {
		reviewer := u.Username
		v.Sub.Status, v.Sub.ReviewedAt, v.Sub.ReviewedBy, v.Sub.ReviewComment = to, &now, &reviewer, comment
		v.Sub.ReviewerName = cmp.Or(u.DisplayName, u.Username)
		return nil
	}
}

// Notifier tells a unit of a decision on its report (accepted, returned,
// reopened), inside the transaction that records the decision.
type Notifier interface {
	ReviewNotice(ctx context.Context, tx pgx.Tx, round domain.Round, unit catalog.Unit, event, comment string, at time.Time) error
}

// transition moves a submission from status from by apply, recording who,
// when and why as event in its events and the audit log, and telling the
// unit of staff decisions.
func (s *Service) transition(ctx context.Context, u access.User, roundCode, unit, ip string, from submission.Status,
	event, comment string, apply func(v *View, now time.Time) error) (*View, error) {
	var v *View
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		if v, err = s.load(ctx, tx, u, roundCode, unit, true); err != nil {
			return err
		}
		if v.Sub.Status != from {
			return &StatusError{Status: v.Sub.Status, Want: from}
		}
		now := s.Now()
		if err := apply(v, now); err != nil {
			return err
		}
		if err := postgres.UpdateSubmission(ctx, tx, v.Sub); err != nil {
			return err
		}
		if err := postgres.AddEvent(ctx, tx, v.Sub.ID, domain.Event{ActorID: &u.ID, Actor: u.Username, Kind: event,
			Revision: v.Sub.Revision, Comment: comment}); err != nil {
			return err
		}
		if err := postgres.Audit(ctx, tx, domain.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: "submission_" + event,
			Target: roundCode + "/" + unit, IP: ip, Details: map[string]any{"revision": v.Sub.Revision, "comment": comment}}); err != nil {
			return err
		}
		if s.Notices != nil && event != "withdrawn" {
			return s.Notices.ReviewNotice(ctx, tx, v.Round, v.Unit, event, comment, now)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return v, s.validate(ctx, s.pool, v)
}

// StatusError refuses a step the submission's status does not allow (a
// review of a report not submitted, a withdrawal of one already reviewed).
type StatusError struct {
	Status, Want submission.Status
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("submission is %s, not %s", e.Status, e.Want)
}

// Unwrap makes a StatusError an domain.ErrConflict.
func (e *StatusError) Unwrap() error { return domain.ErrConflict }
