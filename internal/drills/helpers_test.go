package drills

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/demo"
	"baocao/internal/pgtest"
	"baocao/internal/postgres"
	"baocao/internal/testkit"
)

func TestMain(m *testing.M) {
	flag.Parse()
	explicit := false
	flag.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "test.parallel" })
	if !explicit {
		// The drills spend most of their time waiting (for a leader lease
		// to lapse, for a restart), not computing: run all of them at once
		// rather than two at a time on a two-core machine.
		flag.Set("test.parallel", "6")
	}
	pgtest.Main(m)
}

// demoPassword is the demo accounts' password in every drill database.
const demoPassword = "baocao-demo-2024"

// demoDatabase is a fresh database on the shared test server holding the
// seed catalog, the demo accounts and the demo season, and its URL.
func demoDatabase(t *testing.T) (string, *pgxpool.Pool) {
	t.Helper()
	url := pgtest.URL(t)
	pool, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	if _, err := demo.Install(context.Background(), pool, demoPassword, testkit.PasswordCost, nil); err != nil {
		t.Fatal(err)
	}
	return url, pool
}

// demoTemplate is demoDatabase for copying: a database with the demo whose
// connections are closed, so that cloneDatabase can copy it in a moment
// instead of installing the demo again.
func demoTemplate(t *testing.T) string {
	t.Helper()
	url, pool := demoDatabase(t)
	pool.Close()
	return url
}

// cloneDatabase copies the database at url into a new one of t's own,
// dropped when t ends, and returns its URL.
func cloneDatabase(t *testing.T, url string) string {
	t.Helper()
	ctx := context.Background()
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := pgx.Connect(ctx, pgtest.WithDatabase(url, "postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	b := make([]byte, 6)
	rand.Read(b)
	name := "drill_" + hex.EncodeToString(b)
	create := fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", pgx.Identifier{name}.Sanitize(), pgx.Identifier{cfg.Database}.Sanitize())
	// The template's last sessions may take a moment to end after Close.
	testkit.Eventually(t, 10*time.Second, "the demo database is copied", func() (bool, error) {
		_, err := admin.Exec(ctx, create)
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "55006" { // object_in_use
			return false, nil
		}
		return err == nil, err
	})
	t.Cleanup(func() {
		ctx := context.Background()
		conn, err := pgx.Connect(ctx, pgtest.WithDatabase(url, "postgres"))
		if err != nil {
			t.Errorf("drop %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	})
	return pgtest.WithDatabase(url, name)
}

// logBuffer collects a process's log lines; a failed drill prints them.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// tail is the last n lines logged.
func (b *logBuffer) tail(n int) string {
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// testLogger logs at info into a buffer printed if t fails.
func testLogger(t *testing.T, name string) *slog.Logger {
	buf := &logBuffer{}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("last log lines of %s:\n%s", name, buf.tail(60))
		}
	})
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

func count(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// dumpJobState logs, if t has failed, what River and PostgreSQL say about
// the job and the database at that moment: the job row, the leader, the
// sessions and any lock someone waits for. A drill that hangs explains
// itself.
func dumpJobState(t *testing.T, pool *pgxpool.Pool, jobID int64) {
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		for _, q := range []struct{ what, sql string }{
			{"river_job", `SELECT id, kind, state, attempt, max_attempts, attempted_at, scheduled_at, finalized_at, attempted_by, errors::text, now() FROM river_job ORDER BY id`},
			{"river_leader", `SELECT leader_id, elected_at, expires_at, now() FROM river_leader`},
			{"river_client/queue", `SELECT name, paused_at, updated_at FROM river_queue`},
			{"sessions", `SELECT pid, application_name, state, wait_event_type, wait_event, xact_start, left(query, 120) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`},
			{"waiting locks", `SELECT pid, locktype, mode, relation::regclass::text, granted FROM pg_locks WHERE NOT granted`},
		} {
			rows, err := pool.Query(ctx, q.sql)
			if err != nil {
				t.Logf("%s: %v", q.what, err)
				continue
			}
			var b strings.Builder
			for rows.Next() {
				vals, err := rows.Values()
				if err != nil {
					fmt.Fprintf(&b, "  %v\n", err)
					break
				}
				fmt.Fprintf(&b, "  %v\n", vals)
			}
			rows.Close()
			t.Logf("%s at failure:\n%s", q.what, b.String())
		}
	})
}
