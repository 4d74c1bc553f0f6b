package intake

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"baocao/internal/access"
	"baocao/internal/postgres"
	"baocao/internal/submission"
)

// Review decisions.
const (
	DecisionAccept = "accept"
	DecisionReturn = "return"
)

// Submit submits the current revision, once no error and no unexplained
// warning remains. Submitting again changes nothing. Like Save, it is
// two round trips: BEGIN with the reads, the writes with COMMIT.
func (s *Service) Submit(ctx context.Context, u access.User, roundCode, unit, ip string) (*View, error) {
	if !access.Allow(u, access.WriteSubmission, unit) {
		return nil, access.ErrForbidden
	}
	tx, v, _, err := s.begin(ctx, u, roundCode, unit, postgres.ReadOptions{})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	writes := &pgx.Batch{}
	if err := s.submit(ctx, tx, writes, u, v, roundCode, unit, ip); err != nil {
		return nil, err
	}
	if err := tx.Commit(ctx, writes); err != nil {
		return nil, err
	}
	return v, nil
}

// submit checks v and queues its submission on writes.
func (s *Service) submit(ctx context.Context, tx postgres.DBTX, writes *pgx.Batch, u access.User, v *View, roundCode, unit, ip string) error {
	if v.Sub.Status == StatusSubmitted {
		return s.validate(ctx, tx, v)
	}
	if err := lockedFor(v); err != nil {
		return err
	}
	if err := s.validate(ctx, tx, v); err != nil {
		return err
	}
	if submission.Blocking(v.Issues) || v.Sub.Revision == 0 {
		return &BlockedError{Issues: v.Issues}
	}
	now := s.now()
	onTime := !now.After(v.Round.DueAt)
	v.Sub.Status, v.Sub.SubmittedAt, v.Sub.OnTime = StatusSubmitted, &now, &onTime
	postgres.QueueUpdateSubmission(writes, v.Sub)
	postgres.QueueAddEvent(writes, v.Sub.ID, postgres.Event{ActorID: &u.ID, Actor: u.Username, Kind: "submitted", Revision: v.Sub.Revision})
	postgres.QueueAudit(writes, postgres.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: "submission_submitted",
		Target: roundCode + "/" + unit, IP: ip, Details: map[string]any{"revision": v.Sub.Revision, "on_time": onTime}})
	return nil
}

// Review accepts or returns a submitted submission. Returning needs a
// comment saying what to fix.
func (s *Service) Review(ctx context.Context, u access.User, roundCode, unit, decision, comment, ip string) (*View, error) {
	if !access.Allow(u, access.ReviewSubmission, unit) {
		return nil, access.ErrForbidden
	}
	comment = strings.TrimSpace(comment)
	switch decision {
	case DecisionAccept, DecisionReturn:
	default:
		return nil, &access.FieldError{Field: "decision", Code: "invalid"}
	}
	if decision == DecisionReturn && comment == "" {
		return nil, &access.FieldError{Field: "comment", Code: "required"}
	}
	return s.transition(ctx, u, roundCode, unit, ip, StatusSubmitted, func(v *View) (string, string) {
		if decision == DecisionAccept {
			return StatusAccepted, "accepted"
		}
		return StatusReturned, "returned"
	}, comment)
}

// Reopen returns an accepted submission to its unit for changes.
func (s *Service) Reopen(ctx context.Context, u access.User, roundCode, unit, comment, ip string) (*View, error) {
	if !access.Allow(u, access.ReviewSubmission, unit) {
		return nil, access.ErrForbidden
	}
	comment = strings.TrimSpace(comment)
	if comment == "" {
		return nil, &access.FieldError{Field: "comment", Code: "required"}
	}
	return s.transition(ctx, u, roundCode, unit, ip, StatusAccepted, func(*View) (string, string) {
		return StatusReturned, "reopened"
	}, comment)
}

// transition moves a submission from status from, recording who, when and
// why in its events and the audit log.
func (s *Service) transition(ctx context.Context, u access.User, roundCode, unit, ip, from string,
	to func(*View) (status, event string), comment string) (*View, error) {
	var v *View
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		if v, err = s.load(ctx, tx, u, roundCode, unit, true); err != nil {
			return err
		}
		if v.Sub.Status != from {
			return fmt.Errorf("submission is %s, not %s: %w", v.Sub.Status, from, access.ErrConflict)
		}
		status, event := to(v)
		now := s.now()
		reviewer := u.Username
		v.Sub.Status, v.Sub.ReviewedAt, v.Sub.ReviewedBy, v.Sub.ReviewComment = status, &now, &reviewer, comment
		if err := postgres.UpdateSubmission(ctx, tx, v.Sub); err != nil {
			return err
		}
		if err := postgres.AddEvent(ctx, tx, v.Sub.ID, postgres.Event{ActorID: &u.ID, Actor: u.Username, Kind: event,
			Revision: v.Sub.Revision, Comment: comment}); err != nil {
			return err
		}
		return postgres.Audit(ctx, tx, postgres.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: "submission_" + event,
			Target: roundCode + "/" + unit, IP: ip, Details: map[string]any{"revision": v.Sub.Revision, "comment": comment}})
	})
	if err != nil {
		return nil, err
	}
	return v, s.validate(ctx, s.pool, v)
}
