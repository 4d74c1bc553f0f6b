package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"baocao/internal/access"
	"baocao/internal/domain"
)

const userColumns = "id, username, display_name, email, role, coalesce(unit_code, ''), active, must_change_password, last_sign_in_at"

func scanUser(row pgx.Row, extra ...any) (access.User, error) {
	var u access.User
	var role string
	dest := append([]any{&u.ID, &u.Username, &u.DisplayName, &u.Email, &role, &u.Unit, &u.Active, &u.MustChangePassword, &u.LastSignIn}, extra...)
	if err := row.Scan(dest...); err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			return access.User{}, domain.ErrNotFound
		}
		return access.User{}, fmt.Errorf("read user: %w", err)
	}
	u.Role = access.Role(role)
	return u, nil
}

func nullIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// CreateUser stores a new account; a taken username is domain.ErrConflict.
func CreateUser(ctx context.Context, db DBTX, u access.User, passwordHash string) (access.User, error) {
	created, err := scanUser(db.QueryRow(ctx, `INSERT INTO users (username, display_name, email, role, unit_code, password_hash, active, must_change_password)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING `+userColumns,
		u.Username, u.DisplayName, u.Email, string(u.Role), nullIfEmpty(u.Unit), passwordHash, u.Active, u.MustChangePassword))
	if isUniqueViolation(err, "") {
		return access.User{}, fmt.Errorf("user %s: %w", u.Username, domain.ErrConflict)
	}
	return created, err
}

// UserByUsername returns the account and its password hash.
func UserByUsername(ctx context.Context, db DBTX, username string) (access.User, string, error) {
	var hash string
	u, err := scanUser(db.QueryRow(ctx, "SELECT "+userColumns+", password_hash FROM users WHERE username = $1", username), &hash)
	return u, hash, err
}

// UserByID returns the account with id.
func UserByID(ctx context.Context, db DBTX, id int64) (access.User, error) {
	return scanUser(db.QueryRow(ctx, "SELECT "+userColumns+" FROM users WHERE id = $1", id))
}

// SetPassword replaces a user's password hash and ends their sessions;
// mustChange marks a password handed out by someone else, to be changed at
// the next sign-in.
func SetPassword(ctx context.Context, db DBTX, userID int64, passwordHash string, mustChange bool) error {
	tag, err := db.Exec(ctx, "UPDATE users SET password_hash = $2, must_change_password = $3, updated_at = now() WHERE id = $1",
		userID, passwordHash, mustChange)
	if err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return domain.ErrNotFound
	}
	_, err = db.Exec(ctx, "DELETE FROM sessions WHERE user_id = $1", userID)
	return err
}

// SetActive enables or disables an account; disabling ends its sessions
// and revokes its tokens.
func SetActive(ctx context.Context, db DBTX, userID int64, active bool) error {
	tag, err := db.Exec(ctx, "UPDATE users SET active = $2, updated_at = now() WHERE id = $1", userID, active)
	if err != nil {
		return fmt.Errorf("set active: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return domain.ErrNotFound
	}
	if !active {
		if _, err := db.Exec(ctx, "DELETE FROM sessions WHERE user_id = $1", userID); err != nil {
			return err
		}
		if err := RevokeAllAPITokens(ctx, db, userID); err != nil {
			return err
		}
	}
	return nil
}
