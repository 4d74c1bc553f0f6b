package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/domain"
)

// LockKey serialises work on key until the transaction ends.
func LockKey(ctx context.Context, tx DBTX, key string) error {
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtext($1))", key); err != nil {
		return fmt.Errorf("lock %s: %w", key, err)
	}
	return nil
}

// CountAdhocRoundsOn counts the ad-hoc rounds created on the day that
// starts at dayStart (a local midnight): the day is the caller's calendar
// day, not the database session's.
func CountAdhocRoundsOn(ctx context.Context, db DBTX, dayStart time.Time) (int, error) {
	var n int
	if err := db.QueryRow(ctx, "SELECT count(*) FROM rounds WHERE kind = 'adhoc' AND created_at >= $1 AND created_at < $2",
		dayStart, dayStart.AddDate(0, 0, 1)).Scan(&n); err != nil {
		return 0, fmt.Errorf("count ad-hoc rounds: %w", err)
	}
	return n, nil
}

// CountAudit counts audit entries of action on target since a time.
func CountAudit(ctx context.Context, db DBTX, action, target string, since time.Time) (int, error) {
	var n int
	if err := db.QueryRow(ctx, "SELECT count(*) FROM audit_log WHERE action = $1 AND target = $2 AND at > $3", action, target, since).Scan(&n); err != nil {
		return 0, fmt.Errorf("count audit entries: %w", err)
	}
	return n, nil
}

// StaffEmails are the addresses of active staff accounts.
func StaffEmails(ctx context.Context, db DBTX) ([]string, error) {
	return queryAll(ctx, db, "staff addresses", pgx.RowTo[string], "SELECT email FROM users WHERE role = 'staff' AND active AND email <> '' ORDER BY username")
}

// RoundEventsBetween lists a round's status changes from from to to.
func RoundEventsBetween(ctx context.Context, db DBTX, roundID int64, from, to time.Time) ([]domain.RoundEvent, error) {
	return queryAll(ctx, db, "round events", pgx.RowToStructByPos[domain.RoundEvent], `SELECT s.unit_code, e.kind, e.at FROM submission_events e JOIN submissions s ON s.id = e.submission_id
		WHERE s.round_id = $1 AND e.at >= $2 AND e.at < $3 ORDER BY e.at`, roundID, from, to)
}

// QueuedNotificationsBefore lists notices still queued that were created
// before a time, oldest first.
func QueuedNotificationsBefore(ctx context.Context, db DBTX, before time.Time, limit int) ([]int64, error) {
	return queryAll(ctx, db, "queued notices", pgx.RowTo[int64], "SELECT id FROM notifications WHERE status = 'queued' AND created_at < $1 ORDER BY id LIMIT $2", before, limit)
}

// RoundReportState returns when the round was last consolidated and last
// had a submission accepted, and whether every submission is accepted.
func RoundReportState(ctx context.Context, db DBTX, roundID int64) (domain.ReportState, error) {
	var st domain.ReportState
	err := db.QueryRow(ctx, `SELECT (SELECT max(created_at) FROM snapshots WHERE round_id = $1),
		(SELECT max(reviewed_at) FROM submissions WHERE round_id = $1 AND status = 'accepted'),
		coalesce((SELECT bool_and(status = 'accepted') FROM submissions WHERE round_id = $1), false)`, roundID).
		Scan(&st.LastSnapshot, &st.LastAccepted, &st.AllAccepted)
	if err != nil {
		return st, fmt.Errorf("report state: %w", err)
	}
	return st, nil
}

// MarkReportsFinal marks the issued files of a report set final;
// ErrNotFound when the set has no issued files.
func MarkReportsFinal(ctx context.Context, db DBTX, roundID int64, number int) error {
	tag, err := db.Exec(ctx, "UPDATE reports SET final = true WHERE round_id = $1 AND number = $2 AND state = 'issued'", roundID, number)
	if err != nil {
		return fmt.Errorf("mark report final: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return domain.ErrNotFound
	}
	return nil
}

// SubmissionRef names the round and unit of a submission.
func SubmissionRef(ctx context.Context, db DBTX, submissionID int64) (round, unit string, err error) {
	err = db.QueryRow(ctx, "SELECT r.code, s.unit_code FROM submissions s JOIN rounds r ON r.id = s.round_id WHERE s.id = $1",
		submissionID).Scan(&round, &unit)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", "", domain.ErrNotFound
	}
	if err != nil {
		return "", "", fmt.Errorf("submission %d: %w", submissionID, err)
	}
	return round, unit, nil
}
