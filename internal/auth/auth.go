// Package auth signs people and programs in and out: password checks with
// throttling, sessions, integration tokens, account changes, and the audit
// entries each of them leaves. It holds the rules; postgres stores, web
// translates HTTP.
package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/access"
	"baocao/internal/domain"
	"baocao/internal/postgres"
)

// Settings are the sign-in limits.
type Settings struct {
	// SessionIdle ends a session unused for this long.
	SessionIdle time.Duration
	// SessionMax ends a session this long after sign-in, used or not.
	SessionMax time.Duration
	// MaxFailuresPerAccount and MaxFailuresPerAddress within
	// FailureWindow block further attempts until the window passes.
	MaxFailuresPerAccount int
	MaxFailuresPerAddress int
	FailureWindow         time.Duration
	// PasswordCost is the work of the password hashes the service makes;
	// zero fields take access.DefaultPasswordCost's. Only tests lower it.
	PasswordCost access.PasswordCost
}

// DefaultSettings are used where a field is zero.
var DefaultSettings = Settings{
	SessionIdle:           2 * time.Hour,
	SessionMax:            12 * time.Hour,
	MaxFailuresPerAccount: 5,
	MaxFailuresPerAddress: 20,
	FailureWindow:         15 * time.Minute,
}

// Service is the sign-in service.
type Service struct {
	pool *pgxpool.Pool
	set  Settings
	now  func() time.Time
	// noUserHash is checked against when a username does not exist, so
	// that a wrong username costs as long as a wrong password. Made at the
	// first need, at the service's cost.
	noUserHash func() (string, error)
}

// New returns the service; zero settings take DefaultSettings.
func New(pool *pgxpool.Pool, set Settings) *Service {
	d := DefaultSettings
	if set.SessionIdle == 0 {
		set.SessionIdle = d.SessionIdle
	}
	if set.SessionMax == 0 {
		set.SessionMax = d.SessionMax
	}
	if set.MaxFailuresPerAccount == 0 {
		set.MaxFailuresPerAccount = d.MaxFailuresPerAccount
	}
	if set.MaxFailuresPerAddress == 0 {
		set.MaxFailuresPerAddress = d.MaxFailuresPerAddress
	}
	if set.FailureWindow == 0 {
		set.FailureWindow = d.FailureWindow
	}
	s := &Service{pool: pool, set: set, now: time.Now}
	s.noUserHash = sync.OnceValues(func() (string, error) {
		return s.hashPassword("not a real password, only for timing")
	})
	return s
}

// hashPassword hashes password at the service's cost.
func (s *Service) hashPassword(password string) (string, error) {
	return access.HashPassword(password, s.set.PasswordCost)
}

// ErrBadCredentials is a failed sign-in; it never says which part was wrong.
var ErrBadCredentials = errors.New("bad credentials")

// ThrottledError refuses a sign-in attempt after too many failures.
type ThrottledError struct {
	RetryAfter time.Duration
}

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("too many failed sign-ins; retry after %s", e.RetryAfter.Round(time.Second))
}

// Session is a signed-in user with the token that carries the session.
type Session struct {
	Token   string
	User    access.User
	Expires time.Time
}

// Login checks username and password from client address ip and opens a
// session. Every attempt counts against the account and the address until
// it succeeds; too many within the window refuse further attempts, right or
// wrong, until the window has passed. The attempt is recorded before the
// password is checked, under a lock per account, so parallel attempts
// cannot slip past the limit.
func (s *Service) Login(ctx context.Context, username, password, ip string) (Session, error) {
	username = strings.ToLower(strings.TrimSpace(username))
	attempt, err := s.beginAttempt(ctx, username, ip)
	if err != nil {
		return Session{}, err
	}
	u, hash, err := postgres.UserByUsername(ctx, s.pool, username)
	ok := false
	switch {
	case errors.Is(err, domain.ErrNotFound):
		hash, err := s.noUserHash()
		if err != nil {
			return Session{}, err
		}
		access.VerifyPassword(hash, password)
	case err != nil:
		return Session{}, err
	default:
		ok = access.VerifyPassword(hash, password) && u.Active
	}
	if !ok {
		if err := postgres.Audit(ctx, s.pool, domain.AuditEntry{Actor: username, Action: "login_failed", IP: ip}); err != nil {
			return Session{}, err
		}
		return Session{}, ErrBadCredentials
	}
	var sess Session
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := postgres.ForgetLoginAttempts(ctx, tx, attempt); err != nil {
			return err
		}
		if err := postgres.ClearLoginFailures(ctx, tx, "user:"+username, s.now().Add(-s.set.FailureWindow)); err != nil {
			return err
		}
		if err := postgres.RecordSignIn(ctx, tx, u.ID); err != nil {
			return err
		}
		var err error
		if sess, err = s.openSession(ctx, tx, u); err != nil {
			return err
		}
		return postgres.Audit(ctx, tx, domain.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: "login", IP: ip})
	})
	return sess, err
}

// beginAttempt refuses an attempt over the limits, or records it as a
// failure to be forgotten if it succeeds.
func (s *Service) beginAttempt(ctx context.Context, username, ip string) ([]int64, error) {
	now := s.now()
	since := now.Add(-s.set.FailureWindow)
	accountKey, addressKey := "user:"+username, "ip:"+ip
	var ids []int64
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := postgres.LockLoginKey(ctx, tx, accountKey); err != nil {
			return err
		}
		if err := postgres.LockLoginKey(ctx, tx, addressKey); err != nil {
			return err
		}
		for _, lim := range []struct {
			key string
			max int
		}{{accountKey, s.set.MaxFailuresPerAccount}, {addressKey, s.set.MaxFailuresPerAddress}} {
			n, oldest, err := postgres.LoginFailures(ctx, tx, lim.key, since)
			if err != nil {
				return err
			}
			if n >= lim.max {
				retry := oldest.Add(s.set.FailureWindow).Sub(now)
				if retry < time.Second {
					retry = time.Second
				}
				return &ThrottledError{RetryAfter: retry}
			}
		}
		var err error
		ids, err = postgres.RecordLoginFailure(ctx, tx, accountKey, addressKey)
		return err
	})
	return ids, err
}

// openSession issues a fresh token: a sign-in never reuses a session id.
func (s *Service) openSession(ctx context.Context, db postgres.DBTX, u access.User) (Session, error) {
	token, hash := access.NewToken(access.SessionTokenPrefix)
	expires := s.now().Add(s.set.SessionMax)
	if err := postgres.CreateSession(ctx, db, hash, u.ID, expires); err != nil {
		return Session{}, err
	}
	return Session{Token: token, User: u, Expires: expires}, nil
}

// Authenticate returns the user a session or integration token belongs to,
// marked with which it was, or domain.ErrUnauthorized.
func (s *Service) Authenticate(ctx context.Context, token string) (access.User, error) {
	var (
		u   access.User
		err error
	)
	switch {
	case strings.HasPrefix(token, access.SessionTokenPrefix):
		u, err = postgres.SessionUser(ctx, s.pool, access.HashToken(token), s.set.SessionIdle)
		u.Via = access.ViaSession
	case strings.HasPrefix(token, access.APITokenPrefix):
		u, err = postgres.TokenUser(ctx, s.pool, access.HashToken(token))
		u.Via = access.ViaToken
	default:
		return access.User{}, domain.ErrUnauthorized
	}
	if err != nil {
		return access.User{}, err
	}
	return u, nil
}

// Logout ends the session of token.
func (s *Service) Logout(ctx context.Context, u access.User, token, ip string) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := postgres.DeleteSession(ctx, tx, access.HashToken(token)); err != nil {
			return err
		}
		return postgres.Audit(ctx, tx, domain.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: "logout", IP: ip})
	})
}

// DropSession ends a session without an audit entry: the previous session
// of a browser that signs in again, so a sign-in always rotates the id.
func (s *Service) DropSession(ctx context.Context, token string) error {
	return postgres.DeleteSession(ctx, s.pool, access.HashToken(token))
}

// confirmPassword checks that password is u's, counted against the
// sign-in limits as a sign-in attempt is. A wrong one is audited as
// failedAction and refused as a FieldError naming field.
func (s *Service) confirmPassword(ctx context.Context, u access.User, password, ip, field, failedAction string) error {
	attempt, err := s.beginAttempt(ctx, u.Username, ip)
	if err != nil {
		return err
	}
	_, hash, err := postgres.UserByUsername(ctx, s.pool, u.Username)
	if err != nil {
		return err
	}
	if !access.VerifyPassword(hash, password) {
		if err := postgres.Audit(ctx, s.pool, domain.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: failedAction, IP: ip}); err != nil {
			return err
		}
		return &domain.FieldError{Field: field, Code: "password_wrong"}
	}
	return postgres.ForgetLoginAttempts(ctx, s.pool, attempt)
}

// ChangePassword replaces u's password after checking the current one,
// ends all of u's sessions and opens a new one for the caller.
func (s *Service) ChangePassword(ctx context.Context, u access.User, current, next, ip string) (Session, error) {
	if err := s.confirmPassword(ctx, u, current, ip, "current_password", "password_change_failed"); err != nil {
		return Session{}, err
	}
	if err := access.CheckPassword(u.Username, next); err != nil {
		return Session{}, err
	}
	newHash, err := s.hashPassword(next)
	if err != nil {
		return Session{}, err
	}
	var sess Session
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := postgres.SetPassword(ctx, tx, u.ID, newHash, false); err != nil {
			return err
		}
		if err := postgres.Audit(ctx, tx, domain.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: "password_changed", Target: u.Username, IP: ip}); err != nil {
			return err
		}
		var err error
		sess, err = s.openSession(ctx, tx, u)
		return err
	})
	return sess, err
}
