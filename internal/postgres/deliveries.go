package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/domain"
)

const deliveryColumns = `d.id, d.round_id, d.number, d.channel, d.destination, d.status, d.attempts, d.last_error, d.note, d.recorded_by,
	d.created_at, d.sent_at, coalesce(nullif(ru.display_name, ''), d.recorded_by)`

// deliveryFrom reads deliveries with the name of who recorded them.
const deliveryFrom = " FROM deliveries d LEFT JOIN users ru ON ru.username = d.recorded_by "

// InsertDelivery adds a delivery unless the same one exists; it returns
// its id and whether it is new.
func InsertDelivery(ctx context.Context, db DBTX, d domain.Delivery) (int64, bool, error) {
	if d.Status == "" {
		d.Status = domain.NoticeQueued
	}
	var id int64
	err := db.QueryRow(ctx, `INSERT INTO deliveries (round_id, number, channel, destination, status, note, recorded_by, sent_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (round_id, number, channel, destination) DO NOTHING RETURNING id`,
		d.RoundID, d.Number, d.Channel, d.Destination, d.Status, d.Note, d.RecordedBy, d.SentAt).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("record delivery: %w", err)
	}
	return id, true, nil
}

// LockDelivery locks a queued delivery for the transaction; ErrNotFound
// when it is no longer queued.
func LockDelivery(ctx context.Context, tx DBTX, id int64) (domain.Delivery, error) {
	return queryOne(ctx, tx, "lock delivery", pgx.RowToStructByPos[domain.Delivery], "SELECT "+deliveryColumns+deliveryFrom+"WHERE d.id = $1 AND d.status = 'queued' FOR UPDATE OF d", id)
}

// FinishDelivery records an attempt: sent, failed for good, or to retry.
func FinishDelivery(ctx context.Context, db DBTX, id int64, status, errText string, at time.Time) error {
	_, err := db.Exec(ctx, `UPDATE deliveries SET attempts = attempts + 1, status = $2, last_error = $3,
		sent_at = CASE WHEN $2 = 'sent' THEN $4::timestamptz ELSE sent_at END WHERE id = $1`, id, status, errText, at)
	if err != nil {
		return fmt.Errorf("record delivery attempt: %w", err)
	}
	return nil
}

// ListDeliveries returns a round's deliveries, newest first.
func ListDeliveries(ctx context.Context, db DBTX, roundID int64) ([]domain.Delivery, error) {
	return queryAll(ctx, db, "list deliveries", pgx.RowToStructByPos[domain.Delivery], "SELECT "+deliveryColumns+deliveryFrom+"WHERE d.round_id = $1 ORDER BY d.created_at DESC, d.id DESC", roundID)
}

// ReportOfSet returns the file of format in a round's issued report set:
// only the official version is forwarded.
func ReportOfSet(ctx context.Context, db DBTX, roundID int64, number int, format string) (domain.Report, error) {
	var id int64
	err := db.QueryRow(ctx, "SELECT id FROM reports WHERE round_id = $1 AND number = $2 AND format = $3 AND state = 'issued'",
		roundID, number, format).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.Report{}, domain.ErrNotFound
	}
	if err != nil {
		return domain.Report{}, fmt.Errorf("find report: %w", err)
	}
	return GetReport(ctx, db, id)
}
