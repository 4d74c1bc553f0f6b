package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/submission"
)

// The queries behind the home pages: what waits for someone.

// ListAwaitingReview returns the submitted reports that nobody accepted or
// returned yet, in the rounds still in play: open ones, and locked ones
// whose report has not been issued (after that a review changes nothing
// issued). The one submitted longest ago comes first.
func ListAwaitingReview(ctx context.Context, db DBTX) ([]Submission, error) {
	return queryAll(ctx, db, "list reports awaiting review", pgx.RowToStructByPos[Submission], "SELECT "+submissionColumns+submissionFrom+
		`JOIN rounds r ON r.id = s.round_id
		WHERE s.status = $1 AND (r.status = 'open' OR NOT EXISTS (
			SELECT 1 FROM reports rep WHERE rep.round_id = s.round_id AND rep.state = 'issued'))
		ORDER BY s.submitted_at NULLS LAST, s.id`, submission.StatusSubmitted)
}

// UnissuedSet is a round's newest report set that exists only as a draft,
// with no issued set after it.
type UnissuedSet struct {
	RoundCode  string
	RoundTitle string
	Number     int
	CreatedAt  time.Time
}

// ListUnissuedSets returns, for each round, its newest report set that has
// no issued version and no issued set numbered after it: the draft a
// leader would issue. Newest first.
func ListUnissuedSets(ctx context.Context, db DBTX) ([]UnissuedSet, error) {
	return queryAll(ctx, db, "list unissued report sets", pgx.RowToStructByPos[UnissuedSet], `
		SELECT code, title, number, created_at FROM (
			SELECT DISTINCT ON (rep.round_id) rd.code, rd.title, rep.number, min(rep.created_at) AS created_at
			FROM reports rep JOIN rounds rd ON rd.id = rep.round_id
			WHERE NOT EXISTS (SELECT 1 FROM reports i WHERE i.round_id = rep.round_id AND i.state = 'issued' AND i.number >= rep.number)
			GROUP BY rep.round_id, rd.code, rd.title, rep.number
			ORDER BY rep.round_id, rep.number DESC) newest
		ORDER BY created_at DESC, code`)
}

// NoticeBacklog counts the outbox's notices that have not reached their
// addressee.
type NoticeBacklog struct {
	// Failed were given up: an address refused, or every attempt spent.
	Failed int
	// Retrying failed at least once and wait for their next attempt.
	Retrying int
	// Waiting were never tried although queued for longer than the
	// backlog was asked about (no mail server, or no worker).
	Waiting int
	// Oldest is when the oldest notice still queued was written.
	Oldest *time.Time
}

// CountNoticeBacklog counts the notices failed since failedSince, those
// queued and retrying, and those queued untried since before waitingSince.
func CountNoticeBacklog(ctx context.Context, db DBTX, failedSince, waitingSince time.Time) (NoticeBacklog, error) {
	return queryOne(ctx, db, "count undelivered notices", pgx.RowToStructByPos[NoticeBacklog], `SELECT
			count(*) FILTER (WHERE status = 'failed' AND created_at >= $1),
			count(*) FILTER (WHERE status = 'queued' AND attempts > 0),
			count(*) FILTER (WHERE status = 'queued' AND attempts = 0 AND created_at < $2),
			min(created_at) FILTER (WHERE status = 'queued')
		FROM notifications WHERE status <> 'sent'`, failedSince, waitingSince)
}

// StalledDelivery is a report set's forwarding that has not arrived: it
// failed, or it failed at least once and waits to be tried again.
type StalledDelivery struct {
	Delivery
	RoundCode string
}

// ListStalledDeliveries returns the deliveries failed since failedSince and
// those queued after a failed attempt, newest first.
func ListStalledDeliveries(ctx context.Context, db DBTX, failedSince time.Time) ([]StalledDelivery, error) {
	return queryAll(ctx, db, "list stalled deliveries", pgx.RowToStructByPos[StalledDelivery], "SELECT "+deliveryColumns+", r.code"+deliveryFrom+`JOIN rounds r ON r.id = d.round_id
		WHERE (d.status = 'failed' AND d.created_at >= $1) OR (d.status = 'queued' AND d.attempts > 0)
		ORDER BY d.created_at DESC, d.id DESC`, failedSince)
}
