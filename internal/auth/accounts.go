package auth

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5"

	"baocao/internal/access"
	"baocao/internal/domain"
	"baocao/internal/postgres"
)

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,63}$`)

// Actor is who makes an account change, for the audit log: a signed-in
// user, or an operator at the command line.
type Actor struct {
	ID   *int64
	Name string
	IP   string
}

// Operator is the actor of `baocao user` commands.
var Operator = Actor{Name: "operator (cli)"}

// ActorOf is the audit actor for a signed-in user.
func ActorOf(u access.User, ip string) Actor {
	id := u.ID
	return Actor{ID: &id, Name: u.Username, IP: ip}
}

// CreateUser checks and stores a new account with password, chosen by the
// operator who creates it (`baocao user create`). knownUnit reports whether
// a unit code exists in the current catalog.
func (s *Service) CreateUser(ctx context.Context, by Actor, u access.User, password string, knownUnit func(string) bool) (access.User, error) {
	u.MustChangePassword = false
	return s.createUser(ctx, by, u, password, knownUnit)
}

func (s *Service) createUser(ctx context.Context, by Actor, u access.User, password string, knownUnit func(string) bool) (access.User, error) {
	u.Username = strings.ToLower(strings.TrimSpace(u.Username))
	if !usernamePattern.MatchString(u.Username) {
		return access.User{}, &domain.FieldError{Field: "username", Code: "invalid"}
	}
	if err := checkRoleUnit(u.Role, u.Unit, knownUnit); err != nil {
		return access.User{}, err
	}
	if u.Email = strings.TrimSpace(u.Email); u.Email != "" && !strings.Contains(u.Email, "@") {
		return access.User{}, &domain.FieldError{Field: "email", Code: "invalid"}
	}
	if err := access.CheckPassword(u.Username, password); err != nil {
		return access.User{}, err
	}
	if u.DisplayName == "" {
		u.DisplayName = u.Username
	}
	hash, err := s.hashPassword(password)
	if err != nil {
		return access.User{}, err
	}
	u.Active = true
	var created access.User
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		if created, err = postgres.CreateUser(ctx, tx, u, hash); err != nil {
			return err
		}
		return postgres.Audit(ctx, tx, domain.AuditEntry{ActorID: by.ID, Actor: by.Name, Action: "user_created",
			Target: created.Username, IP: by.IP, Details: map[string]any{"role": string(created.Role), "unit": created.Unit}})
	})
	return created, err
}

// checkRoleUnit refuses a role that does not exist, an agency account
// without its unit, and a unit the catalog does not know.
func checkRoleUnit(role access.Role, unit string, knownUnit func(string) bool) error {
	switch {
	case !role.Valid():
		return &domain.FieldError{Field: "role", Code: "invalid"}
	case role == access.RoleAgency && unit == "":
		return &domain.FieldError{Field: "unit", Code: "required"}
	case unit != "" && knownUnit != nil && !knownUnit(unit):
		return &domain.FieldError{Field: "unit", Code: "unknown"}
	}
	return nil
}

// SetPassword sets username's password to one the operator chose (after a
// compromise as often as not): it ends the account's sessions and revokes
// its API tokens.
func (s *Service) SetPassword(ctx context.Context, by Actor, username, password string) error {
	return s.setPassword(ctx, by, username, password, false)
}

// setPassword replaces username's password, ending its sessions and
// revoking its tokens; mustChange asks for a new one at the next sign-in.
func (s *Service) setPassword(ctx context.Context, by Actor, username, password string, mustChange bool) error {
	u, _, err := postgres.UserByUsername(ctx, s.pool, strings.ToLower(username))
	if err != nil {
		return fmt.Errorf("user %s: %w", username, err)
	}
	if err := access.CheckPassword(u.Username, password); err != nil {
		return err
	}
	hash, err := s.hashPassword(password)
	if err != nil {
		return err
	}
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := postgres.SetPassword(ctx, tx, u.ID, hash, mustChange); err != nil {
			return err
		}
		if err := postgres.RevokeAllAPITokens(ctx, tx, u.ID); err != nil {
			return err
		}
		return postgres.Audit(ctx, tx, domain.AuditEntry{ActorID: by.ID, Actor: by.Name, Action: "password_reset", Target: u.Username, IP: by.IP,
			Details: map[string]any{"must_change": mustChange}})
	})
}

// SetActive enables or disables username.
func (s *Service) SetActive(ctx context.Context, by Actor, username string, active bool) error {
	u, _, err := postgres.UserByUsername(ctx, s.pool, strings.ToLower(username))
	if err != nil {
		return fmt.Errorf("user %s: %w", username, err)
	}
	if !active && by.ID != nil && *by.ID == u.ID {
		// An administrator who locks themselves out may leave nobody to
		// undo it but an operator with a shell.
		return &domain.FieldError{Field: "name", Code: "self"}
	}
	action := "user_disabled"
	if active {
		action = "user_enabled"
	}
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := postgres.SetActive(ctx, tx, u.ID, active); err != nil {
			return err
		}
		return postgres.Audit(ctx, tx, domain.AuditEntry{ActorID: by.ID, Actor: by.Name, Action: action, Target: u.Username, IP: by.IP})
	})
}

// CreateToken issues an integration token for u, returned once, without
// asking for a password: people make tokens through IssueToken.
func (s *Service) CreateToken(ctx context.Context, u access.User, name, ip string) (string, domain.APIToken, error) {
	name, err := tokenName(name)
	if err != nil {
		return "", domain.APIToken{}, err
	}
	token, hash := access.NewToken(access.APITokenPrefix)
	var rec domain.APIToken
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		if rec, err = postgres.CreateAPIToken(ctx, tx, u.ID, name, hash); err != nil {
			return err
		}
		return postgres.Audit(ctx, tx, domain.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: "token_created",
			Target: fmt.Sprintf("token %d", rec.ID), IP: ip, Details: map[string]any{"name": name}})
	})
	return token, rec, err
}

// IssueToken is CreateToken for a person at the keyboard: they give their
// password again, so a session left open (or stolen) is not enough to make
// a credential that outlives it. A wrong password is refused naming
// "password", audited and counted as a failed sign-in.
func (s *Service) IssueToken(ctx context.Context, u access.User, name, password, ip string) (string, domain.APIToken, error) {
	if _, err := tokenName(name); err != nil {
		return "", domain.APIToken{}, err
	}
	if password == "" {
		return "", domain.APIToken{}, &domain.FieldError{Field: "password", Code: "required"}
	}
	if err := s.confirmPassword(ctx, u, password, ip, "password", "token_create_failed"); err != nil {
		return "", domain.APIToken{}, err
	}
	return s.CreateToken(ctx, u, name, ip)
}

// tokenName is a token's name as stored, or why it cannot be.
func tokenName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 {
		return "", &domain.FieldError{Field: "name", Code: "required"}
	}
	return name, nil
}

// RevokeToken revokes one of u's tokens.
func (s *Service) RevokeToken(ctx context.Context, u access.User, id int64, ip string) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := postgres.RevokeAPIToken(ctx, tx, u.ID, id); err != nil {
			return err
		}
		return postgres.Audit(ctx, tx, domain.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: "token_revoked",
			Target: fmt.Sprintf("token %d", id), IP: ip})
	})
}

// Tokens lists u's integration tokens.
func (s *Service) Tokens(ctx context.Context, u access.User) ([]domain.APIToken, error) {
	return postgres.ListAPITokens(ctx, s.pool, u.ID)
}

// EnsureUsers creates each of users that does not exist yet, all with
// password (the demo accounts of dev mode), and reports how many it made.
// Existing accounts are left as they are. The password is hashed once:
// demo accounts share a known password anyway.
func (s *Service) EnsureUsers(ctx context.Context, users []access.User, password string) (int, error) {
	if err := access.CheckPassword("", password); err != nil {
		return 0, fmt.Errorf("demo password: %w", err)
	}
	hash, err := s.hashPassword(password)
	if err != nil {
		return 0, err
	}
	created := 0
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		for _, u := range users {
			_, _, err := postgres.UserByUsername(ctx, tx, u.Username)
			if err == nil {
				continue
			}
			if !errors.Is(err, domain.ErrNotFound) {
				return err
			}
			u.Active = true
			if _, err := postgres.CreateUser(ctx, tx, u, hash); err != nil {
				return fmt.Errorf("demo account %s: %w", u.Username, err)
			}
			if err := postgres.Audit(ctx, tx, domain.AuditEntry{Actor: "demo setup", Action: "user_created", Target: u.Username,
				Details: map[string]any{"role": string(u.Role), "unit": u.Unit}}); err != nil {
				return err
			}
			created++
		}
		return nil
	})
	return created, err
}
