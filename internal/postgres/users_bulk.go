package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"baocao/internal/access"
	"baocao/internal/domain"
)

// Thousands of accounts at once (a generated national data set) take one
// statement per table here instead of one per row.

// CreateUsers stores new accounts, all with passwordHash, in one statement
// and returns them with their ids, in the order given. Any taken username
// is domain.ErrConflict and nothing is stored.
func CreateUsers(ctx context.Context, db DBTX, users []access.User, passwordHash string) ([]access.User, error) {
	n := len(users)
	names, displays, emails, roles, units := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	active := make([]bool, n)
	for i, u := range users {
		names[i], displays[i], emails[i], roles[i], units[i], active[i] = u.Username, u.DisplayName, u.Email, string(u.Role), u.Unit, u.Active
	}
	rows, err := db.Query(ctx, `INSERT INTO users (username, display_name, email, role, unit_code, password_hash, active)
		SELECT username, display_name, email, role, nullif(unit_code, ''), $6, active
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $7::boolean[])
			WITH ORDINALITY AS t(username, display_name, email, role, unit_code, active, ord)
		ORDER BY ord
		RETURNING `+userColumns, names, displays, emails, roles, units, passwordHash, active)
	if err != nil {
		return nil, fmt.Errorf("create users: %w", err)
	}
	created, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (access.User, error) { return scanUser(row) })
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return nil, fmt.Errorf("create users: %s: %w", pgErr.Detail, domain.ErrConflict)
	}
	if err != nil {
		return nil, fmt.Errorf("create users: %w", err)
	}
	byName := make(map[string]access.User, len(created))
	for _, u := range created {
		byName[u.Username] = u
	}
	out := make([]access.User, n)
	for i, u := range users {
		out[i] = byName[u.Username]
	}
	return out, nil
}

// CreateAPITokens stores integration tokens in one statement and returns
// their ids, in the order given.
func CreateAPITokens(ctx context.Context, db DBTX, tokens []domain.NewAPIToken) ([]int64, error) {
	users, names, hashes := make([]int64, len(tokens)), make([]string, len(tokens)), make([][]byte, len(tokens))
	for i, t := range tokens {
		users[i], names[i], hashes[i] = t.UserID, t.Name, t.Hash
	}
	rows, err := db.Query(ctx, `INSERT INTO api_tokens (user_id, name, token_hash)
		SELECT * FROM unnest($1::bigint[], $2::text[], $3::bytea[])
		RETURNING id, token_hash`, users, names, hashes)
	if err != nil {
		return nil, fmt.Errorf("create API tokens: %w", err)
	}
	byHash := map[string]int64{}
	var id int64
	var hash []byte
	if _, err := pgx.ForEachRow(rows, []any{&id, &hash}, func() error {
		byHash[string(hash)] = id
		return nil
	}); err != nil {
		return nil, fmt.Errorf("create API tokens: %w", err)
	}
	ids := make([]int64, len(tokens))
	for i, t := range tokens {
		ids[i] = byHash[string(t.Hash)]
	}
	return ids, nil
}

// AuditMany appends entries to the audit log in one statement, all stamped
// now.
func AuditMany(ctx context.Context, db DBTX, entries []domain.AuditEntry) error {
	n := len(entries)
	actorIDs, actors, actions, targets, ips := make([]*int64, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	details := make([]map[string]any, n)
	for i, e := range entries {
		actorIDs[i], actors[i], actions[i], targets[i], ips[i], details[i] = e.ActorID, e.Actor, e.Action, e.Target, e.IP, e.Details
		if details[i] == nil {
			details[i] = map[string]any{}
		}
	}
	_, err := db.Exec(ctx, `INSERT INTO audit_log (actor_id, actor, action, target, ip, details)
		SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[])`,
		actorIDs, actors, actions, targets, ips, details)
	if err != nil {
		return fmt.Errorf("audit %d entries: %w", n, err)
	}
	return nil
}
