package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/domain"
	"baocao/internal/submission"
)

// The queries behind the home pages: what waits for someone.

// ListAwaitingReview returns the submitted reports that nobody accepted or
// returned yet, in the rounds still in play: open ones, and locked ones
// whose report has not been issued (after that a review changes nothing
// issued). The one submitted longest ago comes first.
func ListAwaitingReview(ctx context.Context, db DBTX) ([]domain.Submission, error) {
	return queryAll(ctx, db, "list reports awaiting review", pgx.RowToStructByPos[domain.Submission], "SELECT "+submissionColumns+submissionFrom+
		`JOIN rounds r ON r.id = s.round_id
		WHERE s.status = $1 AND (r.status = 'open' OR NOT EXISTS (
			SELECT 1 FROM reports rep WHERE rep.round_id = s.round_id AND rep.state = 'issued'))
		ORDER BY s.submitted_at NULLS LAST, s.id`, submission.StatusSubmitted)
}

// ListUnissuedSets returns, for each round, its newest report set that has
// no issued version and no issued set numbered after it: the draft a
// leader would issue. Newest first.
func ListUnissuedSets(ctx context.Context, db DBTX) ([]domain.UnissuedSet, error) {
	return queryAll(ctx, db, "list unissued report sets", pgx.RowToStructByPos[domain.UnissuedSet], `
		SELECT code, title, number, created_at FROM (
			SELECT DISTINCT ON (rep.round_id) rd.code, rd.title, rep.number, min(rep.created_at) AS created_at
			FROM reports rep JOIN rounds rd ON rd.id = rep.round_id
			WHERE NOT EXISTS (SELECT 1 FROM reports i WHERE i.round_id = rep.round_id AND i.state = 'issued' AND i.number >= rep.number)
			GROUP BY rep.round_id, rd.code, rd.title, rep.number
			ORDER BY rep.round_id, rep.number DESC) newest
		ORDER BY created_at DESC, code`)
}

// CountNoticeBacklog counts the notices failed since failedSince, those
// queued and retrying, and those queued untried since before waitingSince.
func CountNoticeBacklog(ctx context.Context, db DBTX, failedSince, waitingSince time.Time) (domain.NoticeBacklog, error) {
	return queryOne(ctx, db, "count undelivered notices", pgx.RowToStructByPos[domain.NoticeBacklog], `SELECT
			count(*) FILTER (WHERE status = 'failed' AND created_at >= $1),
			count(*) FILTER (WHERE status = 'queued' AND attempts > 0),
			count(*) FILTER (WHERE status = 'queued' AND attempts = 0 AND created_at < $2),
			min(created_at) FILTER (WHERE status = 'queued')
		FROM notifications WHERE status <> 'sent'`, failedSince, waitingSince)
}

// ListStalledDeliveries returns the deliveries failed since failedSince and
// those queued after a failed attempt, newest first.
func ListStalledDeliveries(ctx context.Context, db DBTX, failedSince time.Time) ([]domain.StalledDelivery, error) {
	return queryAll(ctx, db, "list stalled deliveries", pgx.RowToStructByPos[domain.StalledDelivery], "SELECT "+deliveryColumns+", r.code"+deliveryFrom+`JOIN rounds r ON r.id = d.round_id
		WHERE (d.status = 'failed' AND d.created_at >= $1) OR (d.status = 'queued' AND d.attempts > 0)
		ORDER BY d.created_at DESC, d.id DESC`, failedSince)
}
