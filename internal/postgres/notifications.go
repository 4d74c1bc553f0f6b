package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/domain"
)

// InsertNotification adds a notice unless one with its dedupe key exists;
// it returns the new id, or 0 when the notice was already there.
func InsertNotification(ctx context.Context, db DBTX, n domain.Notification) (int64, error) {
	var id int64
	err := db.QueryRow(ctx, `INSERT INTO notifications (kind, round_id, unit_code, audience, to_address, subject, body, dedupe_key)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
		n.Kind, n.RoundID, n.UnitCode, n.Audience, n.To, n.Subject, n.Body, n.DedupeKey).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("insert notification %s: %w", n.DedupeKey, err)
	}
	return id, nil
}

const notificationColumns = `n.id, n.kind, n.round_id, r.code, n.unit_code, n.audience, n.to_address, n.subject, n.body,
	n.dedupe_key, n.status, n.attempts, n.last_error, n.created_at, n.sent_at`

const notificationFrom = ` FROM notifications n LEFT JOIN rounds r ON r.id = n.round_id `

// GetNotification returns one notice.
func GetNotification(ctx context.Context, db DBTX, id int64) (domain.Notification, error) {
	return queryOne(ctx, db, "read notification", pgx.RowToStructByPos[domain.Notification], "SELECT "+notificationColumns+notificationFrom+"WHERE n.id = $1", id)
}

// ListNotifications returns notices, newest first.
func ListNotifications(ctx context.Context, db DBTX, f domain.NotificationFilter) ([]domain.Notification, error) {
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 500
	}
	return queryAll(ctx, db, "list notifications", pgx.RowToStructByPos[domain.Notification], "SELECT "+notificationColumns+notificationFrom+`
		WHERE ($1 = '' OR n.unit_code = $1) AND ($2 = '' OR n.audience = $2) AND ($3 = '' OR n.status = $3)
		ORDER BY n.created_at DESC, n.id DESC LIMIT $4`, f.Unit, f.Audience, f.Status, f.Limit)
}

// MarkNotificationSent records a delivery; it reports false when the
// notice was no longer queued (delivered by an earlier attempt).
func MarkNotificationSent(ctx context.Context, db DBTX, id int64, at time.Time) (bool, error) {
	tag, err := db.Exec(ctx, "UPDATE notifications SET status = 'sent', sent_at = $2, attempts = attempts + 1, last_error = '' WHERE id = $1 AND status = 'queued'", id, at)
	if err != nil {
		return false, fmt.Errorf("mark notification sent: %w", err)
	}
	return tag.RowsAffected() == 1, nil
}

// MarkNotificationAttempt records a failed attempt; permanent marks the
// notice failed (a rejected address), otherwise it stays queued for retry.
func MarkNotificationAttempt(ctx context.Context, db DBTX, id int64, errText string, permanent bool) error {
	status := domain.NoticeQueued
	if permanent {
		status = domain.NoticeFailed
	}
	_, err := db.Exec(ctx, "UPDATE notifications SET attempts = attempts + 1, last_error = $2, status = $3 WHERE id = $1 AND status = 'queued'",
		id, errText, status)
	if err != nil {
		return fmt.Errorf("record delivery attempt: %w", err)
	}
	return nil
}

// LockNotificationForDelivery locks a queued notice for the transaction, so
// two deliveries of one notice never both send; it returns ErrNotFound when
// it is not queued any more.
func LockNotificationForDelivery(ctx context.Context, tx DBTX, id int64) (domain.Notification, error) {
	return queryOne(ctx, tx, "lock notification", pgx.RowToStructByPos[domain.Notification], "SELECT "+notificationColumns+notificationFrom+"WHERE n.id = $1 AND n.status = 'queued' FOR UPDATE OF n", id)
}
