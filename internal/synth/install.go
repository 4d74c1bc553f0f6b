package synth

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/postgres"
	"baocao/internal/rounds"
)

// Installed is what Install put into the database.
type Installed struct {
	CatalogID  int64
	Round      string            // the annual round's code, open for submissions
	Units      []string          // expected reporting unit codes, the order of Each
	Tokens     map[string]string // unit code -> plaintext API token (Bearer) of that unit's agency account
	StaffToken string            // plaintext API token of a provincial staff account
	// Staff is the staff account's username; agency accounts are named by
	// their unit's code in lower case, as in the demo.
	Staff string
	// Password is every account's password, random for each Install.
	Password string
}

// StaffUsername is the staff account Install creates.
const StaffUsername = "staff"

// tokenName is what the generated tokens are called on /account/tokens.
const tokenName = "Thử tải (dữ liệu mô phỏng)"

// Install stores c as the current catalog version, opens the annual round of year with every reporting unit expected
// (deadline in the future relative to now), and creates one agency account per unit plus one staff account, each with an API token.
//
// Everything happens in one transaction, in a few statements whatever the
// size: the password is hashed once (argon2id) and shared by every
// account, accounts, tokens and their audit entries go in one statement
// each. The round is the one the calendar would open (rounds.AnnualRound)
// except its deadline: the schedule's when that is still ahead of now,
// otherwise the same time of day two weeks after now. The database must
// not hold the round or the accounts yet.
func Install(ctx context.Context, pool *pgxpool.Pool, c *catalog.Catalog, year int, now time.Time) (*Installed, error) {
	in := &Installed{Staff: StaffUsername, Tokens: map[string]string{}, Password: randomPassword()}
	hash, err := access.HashPassword(in.Password, access.DefaultPasswordCost())
	if err != nil {
		return nil, fmt.Errorf("install synthetic data: %w", err)
	}
	err = pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		id, _, err := postgres.SaveCatalog(ctx, tx, fmt.Sprintf("synth-%d", len(c.Units)), c)
		if err != nil {
			return err
		}
		in.CatalogID = id
		r, units, ok := rounds.AnnualRound(&domain.CatalogVersion{ID: id, Catalog: c}, year, time.Time{})
		if !ok {
			return fmt.Errorf("the catalog expects no unit in %d", year)
		}
		r.DueAt, r.CreatedAt = ahead(r.DueAt, now), now
		if _, err := postgres.CreateRound(ctx, tx, r, units); err != nil {
			return err
		}
		in.Round = r.Code
		users := []access.User{{Username: StaffUsername, DisplayName: "Cán bộ tổng hợp", Role: access.RoleStaff,
			Unit: c.Plan.Consolidator, Active: true}}
		for _, ru := range units {
			in.Units = append(in.Units, ru.UnitCode)
			u, _ := c.Unit(ru.UnitCode)
			users = append(users, access.User{Username: strings.ToLower(u.Code), DisplayName: u.Name, Email: u.Email,
				Role: access.RoleAgency, Unit: u.Code, Active: true})
		}
		return in.accounts(ctx, tx, users, hash)
	})
	if err != nil {
		return nil, fmt.Errorf("install synthetic data: %w", err)
	}
	return in, nil
}

// accounts creates users with hash as password, one API token each, and
// the audit entries a person creating them would leave.
func (in *Installed) accounts(ctx context.Context, tx pgx.Tx, users []access.User, hash string) error {
	created, err := postgres.CreateUsers(ctx, tx, users, hash)
	if err != nil {
		return err
	}
	tokens := make([]domain.NewAPIToken, len(created))
	plain := make([]string, len(created))
	for i, u := range created {
		plain[i], tokens[i].Hash = access.NewToken(access.APITokenPrefix)
		tokens[i].UserID, tokens[i].Name = u.ID, tokenName
		if u.Role == access.RoleStaff {
			in.StaffToken = plain[i]
		} else {
			in.Tokens[u.Unit] = plain[i]
		}
	}
	ids, err := postgres.CreateAPITokens(ctx, tx, tokens)
	if err != nil {
		return err
	}
	audit := make([]domain.AuditEntry, 0, 2*len(created))
	for i, u := range created {
		audit = append(audit, domain.AuditEntry{Actor: "synth setup", Action: "user_created", Target: u.Username,
			Details: map[string]any{"role": string(u.Role), "unit": u.Unit}})
		id := u.ID
		audit = append(audit, domain.AuditEntry{ActorID: &id, Actor: u.Username, Action: "token_created",
			Target: fmt.Sprintf("token %d", ids[i]), Details: map[string]any{"name": tokenName}})
	}
	return postgres.AuditMany(ctx, tx, audit)
}

// ahead is due if it is after now, else due's time of day (in due's zone)
// two weeks after now.
func ahead(due, now time.Time) time.Time {
	if due.After(now) {
		return due
	}
	later := now.In(due.Location()).AddDate(0, 0, 14)
	return time.Date(later.Year(), later.Month(), later.Day(), due.Hour(), due.Minute(), 0, 0, due.Location())
}

// randomPassword is a password nobody can guess that passes the policy.
func randomPassword() string {
	b := make([]byte, 18)
	if _, err := rand.Read(b); err != nil {
		panic(errors.Join(errors.New("crypto/rand"), err)) // does not fail on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
