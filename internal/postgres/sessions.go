package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/access"
	"baocao/internal/domain"
)

// CreateSession stores a session for user, valid until expires.
func CreateSession(ctx context.Context, db DBTX, tokenHash []byte, userID int64, expires time.Time) error {
	_, err := db.Exec(ctx, "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)", tokenHash, userID, expires)
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// SessionUser returns the active user of a live session: not past its
// absolute expiry, used within idle. Use refreshes the idle clock, written
// at most once a minute so that every request is not a write.
func SessionUser(ctx context.Context, db DBTX, tokenHash []byte, idle time.Duration) (access.User, error) {
	u, err := scanUser(db.QueryRow(ctx, `WITH live AS (
			SELECT u.id, u.username, u.display_name, u.email, u.role, coalesce(u.unit_code, '') AS unit, u.active,
				u.must_change_password, u.last_sign_in_at
			FROM sessions s JOIN users u ON u.id = s.user_id
			WHERE s.token_hash = $1 AND u.active AND s.expires_at > now() AND s.last_seen_at > now() - $2::interval),
		touch AS (
			UPDATE sessions SET last_seen_at = now()
			WHERE token_hash = $1 AND last_seen_at < now() - interval '1 minute' AND EXISTS (SELECT 1 FROM live))
		SELECT * FROM live`, tokenHash, idle.String()))
	if errors.Is(err, domain.ErrNotFound) {
		return access.User{}, domain.ErrUnauthorized
	}
	return u, err
}

// DeleteSession ends a session.
func DeleteSession(ctx context.Context, db DBTX, tokenHash []byte) error {
	if _, err := db.Exec(ctx, "DELETE FROM sessions WHERE token_hash = $1", tokenHash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// CreateAPIToken stores a new integration token for user.
func CreateAPIToken(ctx context.Context, db DBTX, userID int64, name string, tokenHash []byte) (domain.APIToken, error) {
	t := domain.APIToken{Name: name}
	err := db.QueryRow(ctx, "INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3) RETURNING id, created_at",
		userID, name, tokenHash).Scan(&t.ID, &t.CreatedAt)
	if err != nil {
		return domain.APIToken{}, fmt.Errorf("create API token: %w", err)
	}
	return t, nil
}

// TokenUser returns the active user of an unrevoked integration token and
// records its use (at most once a minute).
func TokenUser(ctx context.Context, db DBTX, tokenHash []byte) (access.User, error) {
	u, err := scanUser(db.QueryRow(ctx, `WITH live AS (
			SELECT u.id, u.username, u.display_name, u.email, u.role, coalesce(u.unit_code, '') AS unit, u.active,
				u.must_change_password, u.last_sign_in_at
			FROM api_tokens t JOIN users u ON u.id = t.user_id
			WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active),
		touch AS (
			UPDATE api_tokens SET last_used_at = now()
			WHERE token_hash = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
			  AND EXISTS (SELECT 1 FROM live))
		SELECT * FROM live`, tokenHash))
	if errors.Is(err, domain.ErrNotFound) {
		return access.User{}, domain.ErrUnauthorized
	}
	return u, err
}

// ListAPITokens returns user's tokens, newest first.
func ListAPITokens(ctx context.Context, db DBTX, userID int64) ([]domain.APIToken, error) {
	return queryAll(ctx, db, "list API tokens", pgx.RowToStructByPos[domain.APIToken], `SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens
		WHERE user_id = $1 ORDER BY created_at DESC, id DESC`, userID)
}

// RevokeAPIToken revokes one of user's tokens.
func RevokeAPIToken(ctx context.Context, db DBTX, userID, tokenID int64) error {
	tag, err := db.Exec(ctx, "UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL", tokenID, userID)
	if err != nil {
		return fmt.Errorf("revoke API token: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return domain.ErrNotFound
	}
	return nil
}

// RevokeAllAPITokens revokes every token of a user.
func RevokeAllAPITokens(ctx context.Context, db DBTX, userID int64) error {
	if _, err := db.Exec(ctx, "UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL", userID); err != nil {
		return fmt.Errorf("revoke API tokens: %w", err)
	}
	return nil
}

// RecordLoginFailure notes a sign-in attempt under each key (an account, a
// client address), counted as a failure until ForgetLoginAttempt removes it.
// It returns the rows' ids.
func RecordLoginFailure(ctx context.Context, db DBTX, keys ...string) ([]int64, error) {
	var ids []int64
	for _, k := range keys {
		var id int64
		if err := db.QueryRow(ctx, "INSERT INTO login_failures (key) VALUES ($1) RETURNING id", k).Scan(&id); err != nil {
			return nil, fmt.Errorf("record login attempt: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// ForgetLoginAttempts removes attempts recorded by RecordLoginFailure.
func ForgetLoginAttempts(ctx context.Context, db DBTX, ids []int64) error {
	if _, err := db.Exec(ctx, "DELETE FROM login_failures WHERE id = ANY($1)", ids); err != nil {
		return fmt.Errorf("forget login attempts: %w", err)
	}
	return nil
}

// LockLoginKey serialises attempts on key until the transaction ends.
func LockLoginKey(ctx context.Context, tx DBTX, key string) error {
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtext($1))", "login:"+key); err != nil {
		return fmt.Errorf("lock login key: %w", err)
	}
	return nil
}

// LoginFailures counts key's failures since, and when the oldest of them
// happened.
func LoginFailures(ctx context.Context, db DBTX, key string, since time.Time) (int, time.Time, error) {
	var n int
	var oldest *time.Time
	err := db.QueryRow(ctx, "SELECT count(*), min(at) FROM login_failures WHERE key = $1 AND at > $2", key, since).Scan(&n, &oldest)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("count login failures: %w", err)
	}
	if oldest == nil {
		return n, time.Time{}, nil
	}
	return n, *oldest, nil
}

// ClearLoginFailures forgets key's failures (after a successful sign-in),
// and everyone's that are older than before.
func ClearLoginFailures(ctx context.Context, db DBTX, key string, before time.Time) error {
	_, err := db.Exec(ctx, "DELETE FROM login_failures WHERE key = $1 OR at < $2", key, before)
	if err != nil {
		return fmt.Errorf("clear login failures: %w", err)
	}
	return nil
}
