package bench

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The baselines' SQL lives here rather than in internal/postgres: it is
// not the program's data access but the bare minimum the program is
// measured against, a plain table without constraints or JSON, written and
// read in the cheapest way PostgreSQL offers.

const baselineTable = "bench_cells"

var baselineColumns = []string{"unit", "indicator", "key", "value", "den", "txt"}

// likeTable is where the like-for-like ingest writes each unit's rows,
// in a transaction of their own, before marking the unit submitted in
// bench_status in another: a save and a submit, without anything else
// they do.
const likeTable = "bench_cells_tx"

func createBaselineTable(ctx context.Context, pool *pgxpool.Pool) error {
	_, err := pool.Exec(ctx, `DROP TABLE IF EXISTS bench_cells, bench_cells_tx, bench_status;
		CREATE TABLE bench_cells (unit text NOT NULL, indicator text NOT NULL, key text NOT NULL,
			value double precision, den double precision, txt text);
		CREATE TABLE bench_cells_tx (LIKE bench_cells);
		CREATE TABLE bench_status (unit text PRIMARY KEY, status text NOT NULL)`)
	if err != nil {
		return fmt.Errorf("baseline table: %w", err)
	}
	return nil
}

func copyBaseline(ctx context.Context, pool *pgxpool.Pool, rows [][]any) error {
	n, err := pool.CopyFrom(ctx, pgx.Identifier{baselineTable}, baselineColumns, pgx.CopyFromRows(rows))
	if err != nil {
		return fmt.Errorf("baseline copy: %w", err)
	}
	if int(n) != len(rows) {
		return fmt.Errorf("baseline copy: %d of %d rows", n, len(rows))
	}
	return nil
}

// addLikeUnits gives the like-for-like ingest its units, as drafts.
func addLikeUnits(ctx context.Context, pool *pgxpool.Pool, units []string) error {
	_, err := pool.Exec(ctx, "INSERT INTO bench_status SELECT unnest($1::text[]), 'draft'", units)
	if err != nil {
		return fmt.Errorf("like-for-like units: %w", err)
	}
	return nil
}

// likeSave and likeSubmit are the like-for-like ingest of one unit: its
// rows copied in a transaction, then its status changed in another.
func likeSave(ctx context.Context, pool *pgxpool.Pool, rows [][]any) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		_, err := tx.CopyFrom(ctx, pgx.Identifier{likeTable}, baselineColumns, pgx.CopyFromRows(rows))
		return err
	})
}

func likeSubmit(ctx context.Context, pool *pgxpool.Pool, unit string) error {
	tag, err := pool.Exec(ctx, "UPDATE bench_status SET status = 'submitted' WHERE unit = $1", unit)
	if err == nil && tag.RowsAffected() != 1 {
		err = fmt.Errorf("no unit %s", unit)
	}
	return err
}

// groupBaseline is the bare consolidation: every cell's sums over the
// units, read back whole. It returns the number of groups.
func groupBaseline(ctx context.Context, pool *pgxpool.Pool) (int, error) {
	rows, err := pool.Query(ctx, `SELECT indicator, key, sum(value), sum(den) FROM bench_cells
		WHERE indicator <> '' GROUP BY indicator, key`)
	if err != nil {
		return 0, fmt.Errorf("baseline group by: %w", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var ind, key string
		var value, den *float64
		if err := rows.Scan(&ind, &key, &value, &den); err != nil {
			return 0, fmt.Errorf("baseline group by: %w", err)
		}
		n++
	}
	return n, rows.Err()
}

// pastDeadline moves a round's deadline a second into the past: the
// benchmark's stand-in for waiting until the real deadline.
func pastDeadline(ctx context.Context, pool *pgxpool.Pool, round string) error {
	tag, err := pool.Exec(ctx, "UPDATE rounds SET due_at = now() - interval '1 second' WHERE code = $1", round)
	if err != nil {
		return fmt.Errorf("move deadline of %s: %w", round, err)
	}
	if tag.RowsAffected() != 1 {
		return fmt.Errorf("move deadline of %s: no such round", round)
	}
	return nil
}
