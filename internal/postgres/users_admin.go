package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"baocao/internal/access"
	"baocao/internal/domain"
)

// ListUsers returns the accounts f keeps, by username.
func ListUsers(ctx context.Context, db DBTX, f access.UserFilter) ([]access.User, error) {
	var where []string
	var args []any
	add := func(cond string, arg any) {
		args = append(args, arg)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if s := strings.TrimSpace(f.Search); s != "" {
		add("(strpos(lower(username), lower($%[1]d)) > 0 OR strpos(lower(display_name), lower($%[1]d)) > 0)", s)
	}
	if f.Role != "" {
		add("role = $%d", string(f.Role))
	}
	if f.Unit != "" {
		add("unit_code = $%d", f.Unit)
	}
	if f.Disabled != nil {
		add("active = $%d", !*f.Disabled)
	}
	if f.SignedIn != nil {
		add("(last_sign_in_at IS NOT NULL) = $%d", *f.SignedIn)
	}
	q := "SELECT " + userColumns + " FROM users"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := db.Query(ctx, q+" ORDER BY username", args...)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (access.User, error) { return scanUser(row) })
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return out, nil
}

// SetRoleUnit changes what an account is: its role and the unit it works
// for ("" for none).
func SetRoleUnit(ctx context.Context, db DBTX, userID int64, role access.Role, unit string) error {
	tag, err := db.Exec(ctx, "UPDATE users SET role = $2, unit_code = $3, updated_at = now() WHERE id = $1",
		userID, string(role), nullIfEmpty(unit))
	if err != nil {
		return fmt.Errorf("set role and unit: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return domain.ErrNotFound
	}
	return nil
}

// RecordSignIn notes that a user signed in with their password now.
func RecordSignIn(ctx context.Context, db DBTX, userID int64) error {
	if _, err := db.Exec(ctx, "UPDATE users SET last_sign_in_at = now() WHERE id = $1", userID); err != nil {
		return fmt.Errorf("record sign-in: %w", err)
	}
	return nil
}

// UnitAccountHolders is, of codes, the unit codes that already have an
// account: an agency account for the unit, or any account named by the
// code in lower case.
func UnitAccountHolders(ctx context.Context, db DBTX, codes []string) (map[string]bool, error) {
	rows, err := db.Query(ctx, `SELECT c FROM unnest($1::text[]) AS c
		WHERE EXISTS (SELECT 1 FROM users WHERE (role = 'agency' AND unit_code = c) OR username = lower(c))`, codes)
	if err != nil {
		return nil, fmt.Errorf("unit accounts: %w", err)
	}
	held, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("unit accounts: %w", err)
	}
	out := make(map[string]bool, len(held))
	for _, c := range held {
		out[c] = true
	}
	return out, nil
}
