package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/domain"
)

// The demo writes its own rows where the postgres package stamps now():
// a demo of last autumn's round needs last autumn's timestamps. Every
// statement runs in Seed's one transaction.

// seedLockKey serialises Seed across processes started together.
const seedLockKey = 0x6465_6d6f_3235 // "demo25"

func lockSeed(ctx context.Context, tx pgx.Tx) error {
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", seedLockKey); err != nil {
		return fmt.Errorf("lock demo seed: %w", err)
	}
	return nil
}

// setRoundOpened dates the round from the day its schedule opens it.
func setRoundOpened(ctx context.Context, tx pgx.Tx, roundID int64, at time.Time) error {
	if _, err := tx.Exec(ctx, "UPDATE rounds SET created_at = $2 WHERE id = $1", roundID, at); err != nil {
		return fmt.Errorf("date demo round: %w", err)
	}
	return nil
}

// updateSubmission stores a submission's status fields with its own
// updated_at.
func updateSubmission(ctx context.Context, tx pgx.Tx, s domain.Submission) error {
	_, err := tx.Exec(ctx, `UPDATE submissions SET status = $2, revision = $3, submitted_at = $4, first_submitted_at = $5,
		reviewed_at = $6, reviewed_by = $7, review_comment = $8, updated_at = $9 WHERE id = $1`,
		s.ID, s.Status, s.Revision, s.SubmittedAt, s.FirstSubmittedAt, s.ReviewedAt, s.ReviewedBy, s.ReviewComment, s.UpdatedAt)
	if err != nil {
		return fmt.Errorf("update demo submission of %s: %w", s.UnitCode, err)
	}
	return nil
}

// insertEvent records a status change at e.At.
func insertEvent(ctx context.Context, tx pgx.Tx, submissionID int64, e domain.Event) error {
	_, err := tx.Exec(ctx, `INSERT INTO submission_events (submission_id, at, actor_id, actor, kind, revision, comment)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, submissionID, e.At, e.ActorID, e.Actor, e.Kind, e.Revision, e.Comment)
	if err != nil {
		return fmt.Errorf("insert demo event %s: %w", e.Kind, err)
	}
	return nil
}

// insertAudit appends an audit entry at e.At.
func insertAudit(ctx context.Context, tx pgx.Tx, e domain.AuditEntry) error {
	if e.Details == nil {
		e.Details = map[string]any{}
	}
	_, err := tx.Exec(ctx, `INSERT INTO audit_log (at, actor_id, actor, action, target, ip, details)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, e.At, e.ActorID, e.Actor, e.Action, e.Target, e.IP, e.Details)
	if err != nil {
		return fmt.Errorf("audit demo %s: %w", e.Action, err)
	}
	return nil
}
