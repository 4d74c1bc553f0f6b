package intake

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"baocao/internal/access"
	"baocao/internal/postgres"
	"baocao/internal/submission"
)

// Sources of revisions.
const (
	SourceWeb   = "web"
	SourceAPI   = "api"
	SourceExcel = "excel"
)

// Statuses of a submission.
const (
	StatusNotStarted = "not_started"
	StatusDraft      = "draft"
	StatusSubmitted  = "submitted"
	StatusAccepted   = "accepted"
	StatusReturned   = "returned"
)

// Save is a change to a submission.
type Save struct {
	// Revision is the revision the change was made on; a different
	// current revision is a conflict. Nil skips the check (a workbook
	// import applies onto whatever is current).
	Revision *int
	Change   submission.Change
	Source   string
	// IdempotencyKey makes a retried request count once.
	IdempotencyKey string
	IP             string
}

// Save applies a change as a new revision. Malformed entries refuse the
// whole change (ValuesError); an accepted submission or a closed round is
// locked; a stale revision is a conflict. Content that breaks consistency
// rules is saved, its findings listed in the view.
func (s *Service) Save(ctx context.Context, u access.User, roundCode, unit string, in Save) (*View, error) {
	if !access.Allow(u, access.WriteSubmission, unit) {
		return nil, access.ErrForbidden
	}
	var v *View
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		v, err = s.load(ctx, tx, u, roundCode, unit, true)
		if err != nil {
			return err
		}
		if in.IdempotencyKey != "" {
			if _, err := postgres.RevisionByKey(ctx, tx, v.Sub.ID, in.IdempotencyKey); err == nil {
				return s.validate(ctx, tx, v) // already applied: answer with the current state
			} else if !errors.Is(err, access.ErrNotFound) {
				return err
			}
		}
		if err := lockedFor(v); err != nil {
			return err
		}
		if in.Revision != nil && *in.Revision != v.Sub.Revision {
			return fmt.Errorf("revision %d is stale, current is %d: %w", *in.Revision, v.Sub.Revision, access.ErrConflict)
		}
		next, verrs := submission.Apply(v.Spec, v.Content, in.Change)
		if len(verrs) > 0 {
			return &ValuesError{Errors: verrs}
		}
		changes := submission.Diff(v.Content, next)
		if len(changes) == 0 {
			return s.validate(ctx, tx, v)
		}
		rev := postgres.Revision{SubmissionID: v.Sub.ID, Number: v.Sub.Revision + 1, AuthorID: &u.ID, Author: u.Username,
			Source: in.Source, Content: next, Changes: changes}
		if in.IdempotencyKey != "" {
			rev.IdempotencyKey = &in.IdempotencyKey
		}
		if _, err := postgres.InsertRevision(ctx, tx, rev); err != nil {
			return err
		}
		if v.Sub.Status == StatusSubmitted {
			// A change after submission withdraws it until it is submitted again.
			v.Sub.SubmittedAt, v.Sub.OnTime = nil, nil
		}
		if v.Sub.Status != StatusReturned {
			v.Sub.Status = StatusDraft
		}
		v.Sub.Revision = rev.Number
		v.Content = next
		if err := postgres.UpdateSubmission(ctx, tx, v.Sub); err != nil {
			return err
		}
		if err := postgres.Audit(ctx, tx, postgres.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: "submission_saved",
			Target: roundCode + "/" + unit, IP: in.IP,
			Details: map[string]any{"revision": rev.Number, "source": in.Source, "changes": len(changes)}}); err != nil {
			return err
		}
		// The findings are read before the commit, not after it: once the
		// change is committed nothing is left that could fail, so an error
		// always means nothing was saved (a database restart between the
		// two would otherwise answer 503 for a saved change).
		return s.validate(ctx, tx, v)
	})
	if err != nil {
		return nil, err
	}
	s.contents.put(v.Sub.ID, v.Sub.Revision, v.Content) // committed: the next save starts from it
	return v, nil
}

// lockedFor refuses changes to an accepted submission or a closed round.
func lockedFor(v *View) error {
	if v.Sub.Status == StatusAccepted {
		return fmt.Errorf("submission accepted: %w", access.ErrLocked)
	}
	if v.Round.Status != "open" {
		return fmt.Errorf("round %s is %s: %w", v.Round.Code, v.Round.Status, access.ErrLocked)
	}
	return nil
}
