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

func createBaselineTable(ctx context.Context, pool *pgxpool.Pool) error {
	_, err := pool.Exec(ctx, `DROP TABLE IF EXISTS bench_cells;
		CREATE TABLE bench_cells (unit text NOT NULL, indicator text NOT NULL, key text NOT NULL,
			value double precision, den double precision, txt text)`)
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
