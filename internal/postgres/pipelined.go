package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// PipelinedTx is a transaction that reads, then writes, in two round trips:
// its BEGIN goes to the server with the batch of reads, its COMMIT with the
// batch of writes. pgx.BeginFunc spends a round trip on BEGIN and another
// on COMMIT; on a saving or submitting agency's path, with the commit
// waiting for the disk, each one is a wake-up of the server and of the
// caller more. Between the two batches it is a DBTX on its connection, for
// the occasional read the first batch could not know it needed.
type PipelinedTx struct {
	conn *pgxpool.Conn
}

// BeginPipelined acquires a connection from pool and sends BEGIN followed
// by reads, whose callbacks have run when it returns. On an error nothing
// is left open.
func BeginPipelined(ctx context.Context, pool *pgxpool.Pool, reads *pgx.Batch) (*PipelinedTx, error) {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	t := &PipelinedTx{conn: conn}
	reads.QueuedQueries = append([]*pgx.QueuedQuery{{SQL: "begin"}}, reads.QueuedQueries...)
	if err := conn.SendBatch(ctx, reads).Close(); err != nil {
		t.Rollback(ctx)
		return nil, err
	}
	return t, nil
}

// Commit sends writes followed by COMMIT, and releases the connection. A
// failed write leaves the rest undone and the transaction rolled back.
func (t *PipelinedTx) Commit(ctx context.Context, writes *pgx.Batch) error {
	if t.conn == nil {
		return pgx.ErrTxClosed
	}
	writes.Queue("commit").Fn = func(br pgx.BatchResults) error {
		tag, err := br.Exec()
		if err == nil && tag.String() == "ROLLBACK" {
			// The transaction had failed before: COMMIT ends it as a rollback.
			err = pgx.ErrTxCommitRollback
		}
		return err
	}
	err := t.conn.SendBatch(ctx, writes).Close()
	t.Rollback(ctx)
	return err
}

// Rollback rolls the transaction back unless it has ended, and releases the
// connection; it does nothing after Commit or a previous Rollback. A
// connection whose rollback fails is not reused (the pool drops a released
// connection that is still in a transaction).
func (t *PipelinedTx) Rollback(ctx context.Context) {
	if t.conn == nil {
		return
	}
	if t.conn.Conn().PgConn().TxStatus() != 'I' {
		t.conn.Exec(ctx, "rollback")
	}
	t.conn.Release()
	t.conn = nil
}

// Exec runs sql within the transaction.
func (t *PipelinedTx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	if t.conn == nil {
		return pgconn.CommandTag{}, pgx.ErrTxClosed
	}
	return t.conn.Exec(ctx, sql, args...)
}

// Query runs sql within the transaction.
func (t *PipelinedTx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	if t.conn == nil {
		return nil, pgx.ErrTxClosed
	}
	return t.conn.Query(ctx, sql, args...)
}

// QueryRow runs sql within the transaction.
func (t *PipelinedTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	if t.conn == nil {
		return errRow{pgx.ErrTxClosed}
	}
	return t.conn.QueryRow(ctx, sql, args...)
}

type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }
