package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// DBTX is what queries run on: a pool, a connection or a transaction.
type DBTX interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// RecordHeartbeat notes that a worker ran the heartbeat job now.
func RecordHeartbeat(ctx context.Context, db DBTX, jobID int64) error {
	_, err := db.Exec(ctx, `INSERT INTO worker_heartbeat (beat_at, job_id) VALUES (now(), $1)
		ON CONFLICT (id) DO UPDATE SET beat_at = excluded.beat_at, job_id = excluded.job_id`, jobID)
	if err != nil {
		return fmt.Errorf("record heartbeat: %w", err)
	}
	return nil
}

// ErrNoHeartbeat means no worker has ever run the heartbeat job.
var ErrNoHeartbeat = errors.New("no worker heartbeat yet")

// LastHeartbeat returns when a worker last ran the heartbeat job.
func LastHeartbeat(ctx context.Context, db DBTX) (time.Time, error) {
	var at time.Time
	err := db.QueryRow(ctx, "SELECT beat_at FROM worker_heartbeat").Scan(&at)
	if errors.Is(err, pgx.ErrNoRows) {
		return time.Time{}, ErrNoHeartbeat
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("read heartbeat: %w", err)
	}
	return at, nil
}
