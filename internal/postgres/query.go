package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"baocao/internal/domain"
)

// queryAll runs sql and collects every row with scan; what names the
// query in errors.
func queryAll[T any](ctx context.Context, db DBTX, what string, scan pgx.RowToFunc[T], sql string, args ...any) ([]T, error) {
	rows, err := db.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	out, err := pgx.CollectRows(rows, scan)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// queryOne runs sql and collects its one row with scan; no row is
// domain.ErrNotFound.
func queryOne[T any](ctx context.Context, db DBTX, what string, scan pgx.RowToFunc[T], sql string, args ...any) (T, error) {
	var zero T
	rows, err := db.Query(ctx, sql, args...)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", what, err)
	}
	out, err := pgx.CollectExactlyOneRow(rows, scan)
	if errors.Is(err, pgx.ErrNoRows) {
		return zero, domain.ErrNotFound
	}
	if err != nil {
		return zero, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// isUniqueViolation reports whether err is a unique constraint's refusal:
// of the constraint named, or of any when constraint is empty.
func isUniqueViolation(err error, constraint string) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505" && (constraint == "" || pgErr.ConstraintName == constraint)
}
