// Package pgtest gives tests a real PostgreSQL: a throwaway cluster per test
// package (or the server at TEST_DATABASE_URL), with a freshly migrated
// database of its own for every test that asks, dropped when the test ends.
//
// A test package opts in from TestMain:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/pglocal"
	"baocao/internal/postgres"
	"baocao/migrations"
)

var server struct {
	adminDSN string // a maintenance database on the server
	template string // migrated database every test database is copied from
}

// Main starts the server, migrates a template database, runs the tests and
// cleans everything up; it does not return.
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	ctx := context.Background()
	if dsn := os.Getenv("TEST_DATABASE_URL"); dsn != "" {
		server.adminDSN = dsn
	} else {
		base, err := pglocal.MkdirTemp("baocao-test-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "pgtest:", err)
			return 1
		}
		defer os.RemoveAll(base)
		cluster, err := pglocal.Start(ctx, pglocal.Options{DataDir: filepath.Join(base, "data"), Ephemeral: true})
		if err != nil {
			fmt.Fprintln(os.Stderr, "pgtest:", err)
			return 1
		}
		defer cluster.Stop()
		server.adminDSN = cluster.DSN("postgres")
	}
	server.template = "baocao_tmpl_" + randomSuffix()
	if err := createTemplate(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "pgtest:", err)
		return 1
	}
	defer dropDatabase(ctx, server.template)
	return m.Run()
}

func createTemplate(ctx context.Context) error {
	if err := adminExec(ctx, "CREATE DATABASE "+pgx.Identifier{server.template}.Sanitize()); err != nil {
		return err
	}
	pool, err := postgres.Open(ctx, WithDatabase(server.adminDSN, server.template))
	if err != nil {
		return err
	}
	defer pool.Close()
	quiet := slog.New(slog.DiscardHandler)
	if err := postgres.Migrate(ctx, pool, migrations.FS, quiet); err != nil {
		return fmt.Errorf("migrate template database: %w", err)
	}
	return nil
}

// URL creates a fresh migrated database for t and returns its connection
// string, for tests that open their own pools (the whole program, say).
func URL(t testing.TB) string {
	t.Helper()
	if server.template == "" {
		t.Fatal("pgtest: call pgtest.Main(m) from the package's TestMain")
	}
	name := "baocao_t_" + randomSuffix()
	ctx := context.Background()
	err := adminExec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s",
		pgx.Identifier{name}.Sanitize(), pgx.Identifier{server.template}.Sanitize()))
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(func() { dropDatabase(context.Background(), name) })
	return WithDatabase(server.adminDSN, name)
}

// New returns a pool on a fresh migrated database of t's own, closed and
// dropped when t ends.
func New(t testing.TB) *pgxpool.Pool {
	t.Helper()
	pool, err := postgres.Open(context.Background(), URL(t))
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// WithDatabase returns dsn (URL or key=value form) pointing at database db.
func WithDatabase(dsn, db string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err == nil {
			u.Path = "/" + db
			q := u.Query()
			q.Del("dbname")
			u.RawQuery = q.Encode()
			return u.String()
		}
	}
	// In key=value form a later key overrides an earlier one.
	return dsn + " dbname=" + db
}

func adminExec(ctx context.Context, sql string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, server.adminDSN)
	if err != nil {
		return fmt.Errorf("connect to test server: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("%s: %w", sql, err)
	}
	return nil
}

func dropDatabase(ctx context.Context, name string) {
	if err := adminExec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
		fmt.Fprintln(os.Stderr, "pgtest: drop test database:", err)
	}
}

func randomSuffix() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}
