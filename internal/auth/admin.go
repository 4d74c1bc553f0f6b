package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/postgres"
)

// Accounts as an administrator manages them in the browser: every
// password made here is generated, handed out once in the answer, and must
// be changed at the next sign-in. Nothing keeps it in clear.

// Accounts lists the accounts f keeps.
func (s *Service) Accounts(ctx context.Context, f access.UserFilter) ([]access.User, error) {
	return postgres.ListUsers(ctx, s.pool, f)
}

// Account returns one account by username.
func (s *Service) Account(ctx context.Context, username string) (access.User, error) {
	u, _, err := postgres.UserByUsername(ctx, s.pool, strings.ToLower(username))
	if err != nil {
		return access.User{}, fmt.Errorf("user %s: %w", username, err)
	}
	return u, nil
}

// KnownUnit reports whether a unit code is in the current catalog (the
// catalog is read once, when KnownUnit is called).
func (s *Service) KnownUnit(ctx context.Context) func(string) bool {
	v, err := postgres.CurrentCatalog(ctx, s.pool)
	return func(code string) bool {
		if err != nil {
			return false
		}
		_, ok := v.Catalog.Unit(code)
		return ok
	}
}

// CreateAccount stores a new account with a generated first-time password,
// returned once.
func (s *Service) CreateAccount(ctx context.Context, by Actor, u access.User, knownUnit func(string) bool) (access.User, string, error) {
	password := access.GeneratePassword(strings.ToLower(strings.TrimSpace(u.Username)))
	u.MustChangePassword = true
	created, err := s.createUser(ctx, by, u, password, knownUnit)
	if err != nil {
		return access.User{}, "", err
	}
	return created, password, nil
}

// ResetPassword gives username a generated password, returned once, to be
// changed at the next sign-in; the account's sessions end and its API
// tokens are revoked.
func (s *Service) ResetPassword(ctx context.Context, by Actor, username string) (string, error) {
	password := access.GeneratePassword(strings.ToLower(username))
	if err := s.setPassword(ctx, by, username, password, true); err != nil {
		return "", err
	}
	return password, nil
}

// UpdateAccount changes username's role and unit.
func (s *Service) UpdateAccount(ctx context.Context, by Actor, username string, role access.Role, unit string, knownUnit func(string) bool) (access.User, error) {
	u, err := s.Account(ctx, username)
	if err != nil {
		return access.User{}, err
	}
	if err := checkRoleUnit(role, unit, knownUnit); err != nil {
		return access.User{}, err
	}
	if by.ID != nil && *by.ID == u.ID && u.Role == access.RoleAdmin && role != access.RoleAdmin {
		return access.User{}, &domain.FieldError{Field: "role", Code: "self"}
	}
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := postgres.SetRoleUnit(ctx, tx, u.ID, role, unit); err != nil {
			return err
		}
		return postgres.Audit(ctx, tx, domain.AuditEntry{ActorID: by.ID, Actor: by.Name, Action: "user_updated", Target: u.Username, IP: by.IP,
			Details: map[string]any{"role": string(role), "unit": unit, "was_role": string(u.Role), "was_unit": u.Unit}})
	})
	if err != nil {
		return access.User{}, err
	}
	u.Role, u.Unit = role, unit
	return u, nil
}

// UnitAccount is an account made for a reporting unit, with its
// first-time password: shown once, never stored in clear.
type UnitAccount struct {
	Username string
	Unit     string
	UnitName string
	Password string
}

// CreateUnitAccounts makes the missing agency accounts of the units of
// the current catalog in force today (the province aside: staff work
// for it), named by the unit's code in lower case as the demo names them.
// A unit has its account when an agency account works for it or an
// account bears its name. Running it twice (a double click) makes none
// the second time.
func (s *Service) CreateUnitAccounts(ctx context.Context, by Actor) ([]UnitAccount, error) {
	v, err := postgres.CurrentCatalog(ctx, s.pool)
	if errors.Is(err, domain.ErrNoCatalog) {
		return nil, fmt.Errorf("unit accounts: %w: %w", err, domain.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("current catalog: %w", err)
	}
	var units []catalog.Unit
	for _, u := range v.Catalog.UnitsOn(v.Catalog.LocalDay(s.now())) {
		if u.Kind != catalog.KindProvince {
			units = append(units, u)
		}
	}
	missing, err := missingUnitAccounts(ctx, s.pool, units)
	if err != nil {
		return nil, err
	}
	// Hashing takes a while per account: done before the transaction,
	// which then keeps only the units still without an account.
	type prepared struct {
		account UnitAccount
		user    access.User
		hash    string
	}
	var todo []prepared
	for _, u := range missing {
		username := strings.ToLower(u.Code)
		if !usernamePattern.MatchString(username) {
			continue // a code no username can carry: made by hand, named otherwise
		}
		password := access.GeneratePassword(username)
		hash, err := s.hashPassword(password)
		if err != nil {
			return nil, err
		}
		todo = append(todo, prepared{
			account: UnitAccount{Username: username, Unit: u.Code, UnitName: u.Name, Password: password},
			user: access.User{Username: username, DisplayName: u.Name, Email: u.Email, Role: access.RoleAgency, Unit: u.Code,
				Active: true, MustChangePassword: true},
			hash: hash,
		})
	}
	var made []UnitAccount
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		made = nil
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtext('unit accounts'))"); err != nil {
			return fmt.Errorf("lock unit accounts: %w", err)
		}
		var still []catalog.Unit
		for _, p := range todo {
			still = append(still, catalog.Unit{Code: p.account.Unit})
		}
		left, err := missingUnitAccounts(ctx, tx, still)
		if err != nil {
			return err
		}
		want := map[string]bool{}
		for _, u := range left {
			want[u.Code] = true
		}
		for _, p := range todo {
			if !want[p.account.Unit] {
				continue
			}
			if _, err := postgres.CreateUser(ctx, tx, p.user, p.hash); err != nil {
				return err
			}
			if err := postgres.Audit(ctx, tx, domain.AuditEntry{ActorID: by.ID, Actor: by.Name, Action: "user_created", Target: p.user.Username,
				IP: by.IP, Details: map[string]any{"role": string(access.RoleAgency), "unit": p.account.Unit, "bulk": true}}); err != nil {
				return err
			}
			made = append(made, p.account)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return made, nil
}

// missingUnitAccounts is, of units, those without an account.
func missingUnitAccounts(ctx context.Context, db postgres.DBTX, units []catalog.Unit) ([]catalog.Unit, error) {
	codes := make([]string, len(units))
	for i, u := range units {
		codes[i] = u.Code
	}
	held, err := postgres.UnitAccountHolders(ctx, db, codes)
	if err != nil {
		return nil, err
	}
	var out []catalog.Unit
	for _, u := range units {
		if !held[u.Code] {
			out = append(out, u)
		}
	}
	return out, nil
}

// AuditLog returns the audit log's entries f keeps, newest first; only
// administrators read it.
func (s *Service) AuditLog(ctx context.Context, u access.User, f domain.AuditFilter) ([]domain.AuditEntry, error) {
	if !access.Allow(u, access.ViewAudit, "") {
		return nil, domain.ErrForbidden
	}
	return postgres.ListAudit(ctx, s.pool, f)
}
