// Package postgres holds baocao's PostgreSQL plumbing: connecting with
// errors a person can act on, and applying migrations.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Open connects to the database at url and checks that it answers, failing
// within seconds with one line that names the problem rather than retrying.
func Open(ctx context.Context, url string) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx's parse errors may quote the URL, password included.
		return nil, errors.New("DATABASE_URL is not a valid PostgreSQL connection string")
	}
	if cfg.ConnConfig.ConnectTimeout == 0 || cfg.ConnConfig.ConnectTimeout > 10*time.Second {
		cfg.ConnConfig.ConnectTimeout = 5 * time.Second
	}
	if !strings.Contains(url, "pool_max_conns") && cfg.MaxConns < 20 {
		// Web requests, four queues of workers and the metrics collector
		// share the pool.
		cfg.MaxConns = 20
	}
	if !strings.Contains(url, "application_name") {
		cfg.ConnConfig.RuntimeParams["application_name"] = "baocao"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.Ping(pingCtx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("database %s: %s", describe(cfg), explain(err))
	}
	return pool, nil
}

func describe(cfg *pgxpool.Config) string {
	c := cfg.ConnConfig
	return fmt.Sprintf("%q on %s:%d as user %q", c.Database, c.Host, c.Port, c.User)
}

// explain turns a connection failure into the one thing to fix.
func explain(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "28P01", "28000":
			return "authentication failed: check the user and password in DATABASE_URL"
		case "3D000":
			return "the database does not exist: create it or fix the name in DATABASE_URL"
		}
		return pgErr.Message
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "connection refused"):
		return "connection refused: is the server running and listening on that host and port?"
	case strings.Contains(msg, "no such host"):
		return "unknown host: check the host name in DATABASE_URL"
	case errors.Is(err, context.DeadlineExceeded) || strings.Contains(msg, "timeout"):
		return "no answer within the connect timeout: check the host, port and firewall"
	case strings.Contains(msg, "no such file or directory"):
		return "no server socket at that path: is the server running?"
	}
	return msg
}
