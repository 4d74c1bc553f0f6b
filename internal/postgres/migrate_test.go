package postgres_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"log/slog"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/consolidate"
	"baocao/internal/consolidate/consolidatetest"
	"baocao/internal/pgtest"
	"baocao/internal/postgres"
	"baocao/migrations"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var quiet = slog.New(slog.DiscardHandler)

func TestMigrate_TwiceIsNoOp(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t) // already migrated once
	if err := postgres.Migrate(ctx, pool, migrations.FS, quiet); err != nil {
		t.Fatalf("second Migrate: %v", err)
	}
	want, err := postgres.LoadMigrations(migrations.FS)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := pool.QueryRow(ctx, "SELECT count(*) FROM schema_migrations").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != len(want) || n == 0 {
		t.Fatalf("schema_migrations has %d rows, want %d", n, len(want))
	}
	var riverTables int
	if err := pool.QueryRow(ctx, "SELECT count(*) FROM pg_tables WHERE tablename IN ('river_job', 'river_leader', 'river_queue')").Scan(&riverTables); err != nil {
		t.Fatal(err)
	}
	if riverTables != 3 {
		t.Fatalf("River tables present: %d of 3", riverTables)
	}
}

func TestMigrate_OneTransactionPerFile(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	fsys := fstest.MapFS{
		"9001_first.up.sql":  {Data: []byte("CREATE TABLE first_t (n int);")},
		"9002_second.up.sql": {Data: []byte("INSERT INTO first_t VALUES (1);")},
		"9003_broken.up.sql": {Data: []byte("CREATE TABLE third_t (n int); SELECT no_such_column FROM first_t;")},
		"README.md":          {Data: []byte("ignored")},
	}
	err := postgres.Migrate(ctx, pool, fsys, quiet)
	if err == nil || !strings.Contains(err.Error(), "9003_broken.up.sql") {
		t.Fatalf("Migrate error = %v, want one naming 9003_broken.up.sql", err)
	}
	var rows int
	if err := pool.QueryRow(ctx, "SELECT count(*) FROM first_t").Scan(&rows); err != nil {
		t.Fatalf("first two files not applied: %v", err)
	}
	if rows != 1 {
		t.Fatalf("first_t rows = %d, want 1", rows)
	}
	var third bool
	pool.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'third_t')").Scan(&third)
	if third {
		t.Fatal("the failed file's first statement was kept")
	}
	var recorded []int
	r, _ := pool.Query(ctx, "SELECT version FROM schema_migrations WHERE version > 9000 ORDER BY version")
	for r.Next() {
		var v int
		r.Scan(&v)
		recorded = append(recorded, v)
	}
	if len(recorded) != 2 || recorded[0] != 9001 || recorded[1] != 9002 {
		t.Fatalf("recorded versions = %v, want [9001 9002]", recorded)
	}
}

func TestMigrate_RefusesEditedMigration(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	original := fstest.MapFS{"9001_a.up.sql": {Data: []byte("CREATE TABLE a_t (n int);")}}
	if err := postgres.Migrate(ctx, pool, original, quiet); err != nil {
		t.Fatal(err)
	}
	edited := fstest.MapFS{"9001_a.up.sql": {Data: []byte("CREATE TABLE a_t (n bigint);")}}
	err := postgres.Migrate(ctx, pool, edited, quiet)
	if err == nil || !strings.Contains(err.Error(), "different content") {
		t.Fatalf("Migrate(edited) error = %v, want 'different content'", err)
	}
}

func TestMigrate_ConcurrentRunsWait(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	fsys := fstest.MapFS{"9001_slow.up.sql": {Data: []byte("SELECT pg_sleep(0.2); CREATE TABLE slow_t (n int);")}}
	errs := make(chan error, 3)
	for range 3 {
		go func() { errs <- postgres.Migrate(ctx, pool, fsys, quiet) }()
	}
	for range 3 {
		if err := <-errs; err != nil {
			t.Fatalf("concurrent Migrate: %v", err)
		}
	}
}

func TestLoadMigrations_BadNames(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"no version", fstest.MapFS{"create.up.sql": {}}, "name must look like"},
		{"down file", fstest.MapFS{"0001_a.down.sql": {}}, "name must look like"},
		{"repeated version", fstest.MapFS{"0001_a.up.sql": {}, "0001_b.up.sql": {}}, "already used"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := postgres.LoadMigrations(tt.fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestOpen_ExplainsFailures(t *testing.T) {
	tests := []struct {
		name, url, want string
	}{
		{"refused", "postgres://someone:s3cret-pw@127.0.0.1:1/baocao", "connection refused"},
		{"bad url", "postgres://someone:s3cret-pw@[::1/x", "not a valid"},
		{"missing database", pgtest.WithDatabase(pgtest.URL(t), "no_such_db_here"), "does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := postgres.Open(context.Background(), tt.url)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Open error = %v, want %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Fatalf("error reveals the password: %v", err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error spans several lines: %q", err)
			}
		})
	}
}

// Revisions are stored with lz4 where the server has it, pglz (the
// default, shown as no setting) where it does not.
func TestMigrate_RevisionsCompressedWithLZ4(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	var hasLZ4 bool
	if err := pool.QueryRow(ctx, `SELECT 'lz4' = ANY (enumvals) FROM pg_settings WHERE name = 'default_toast_compression'`).Scan(&hasLZ4); err != nil {
		t.Fatal(err)
	}
	want := map[bool]string{true: "l", false: ""}[hasLZ4]
	rows, err := pool.Query(ctx, `SELECT attname, attcompression::text FROM pg_attribute
		WHERE attrelid = 'submission_revisions'::regclass AND attname IN ('content', 'changes') ORDER BY attname`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var name, got string
		if err := rows.Scan(&name, &got); err != nil {
			t.Fatal(err)
		}
		n++
		if got != want {
			t.Errorf("submission_revisions.%s compression %q, want %q (server has lz4: %v)", name, got, want, hasLZ4)
		}
	}
	if n != 2 {
		t.Fatalf("found %d of the columns content and changes", n)
	}
}

// before0010 is a database as it stood before migration 0010, with an
// annual and an ad-hoc round and the rounds more adds; it answers the
// migration's SQL.
func before0010(t *testing.T, more string) (*pgxpool.Pool, string) {
	t.Helper()
	pool := pgtest.New(t)
	sql, err := fs.ReadFile(migrations.FS, "0010_round_years_and_cutoffs.up.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(context.Background(), `DROP SCHEMA analytics CASCADE; -- 0015's views read rounds
		DROP INDEX rounds_one_annual_per_year;
		ALTER TABLE rounds DROP COLUMN year, DROP COLUMN data_from, DROP COLUMN cutoff;
		INSERT INTO catalog_versions (hash, name, content) VALUES ('h', 'old', '{"schedules": {"annual": {"cutoff": "10-31"}}}');
		INSERT INTO rounds (code, kind, title, period_start, period_end, due_at, catalog_version_id)
		SELECT 'NAM-2024', 'annual', 'Báo cáo năm 2024', '2024-01-01', '2024-12-31', '2024-11-09 17:00+00', id FROM catalog_versions;
		INSERT INTO rounds (code, kind, title, period_start, period_end, due_at, catalog_version_id)
		SELECT 'DX-1', 'adhoc', 'Đột xuất', '2025-03-04', '2025-03-04', '2025-03-11 17:00+00', id FROM catalog_versions;`+more); err != nil {
		t.Fatal(err)
	}
	return pool, string(sql)
}

// Migration 0010 gives the rounds opened before it their year and data
// window: an annual round's from its catalog's cut-off, an ad-hoc
// round's its period.
func TestMigration0010_BackfillsRounds(t *testing.T) {
	ctx := context.Background()
	pool, sql := before0010(t, "")
	if _, err := pool.Exec(ctx, sql); err != nil {
		t.Fatalf("0010: %v", err)
	}
	for code, want := range map[string]string{"NAM-2024": "2024 2023-11-01 2024-10-31", "DX-1": "2025 2025-03-04 2025-03-04"} {
		var got string
		if err := pool.QueryRow(ctx, `SELECT year || ' ' || data_from || ' ' || cutoff FROM rounds WHERE code = $1`, code).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: year and window %q, want %q", code, got, want)
		}
	}
}

// Two annual rounds of one year (opened under different codes) stop the
// migration with their names, and it changes nothing.
func TestMigration0010_RefusesTwoAnnualRoundsOfAYear(t *testing.T) {
	ctx := context.Background()
	pool, sql := before0010(t, `
		INSERT INTO rounds (code, kind, title, period_start, period_end, due_at, catalog_version_id)
		SELECT 'BC-2024', 'annual', 'Báo cáo 2024', '2024-01-01', '2024-12-31', '2024-11-09 17:00+00', id FROM catalog_versions`)
	_, err := pool.Exec(ctx, sql)
	if err == nil || !strings.Contains(err.Error(), "2024: BC-2024, NAM-2024") {
		t.Fatalf("0010 over two annual rounds of 2024: %v", err)
	}
	var columns int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM information_schema.columns WHERE table_name = 'rounds' AND column_name = 'year'`).Scan(&columns); err != nil {
		t.Fatal(err)
	}
	if columns != 0 {
		t.Error("the failed migration left the year column behind")
	}
}

// Migration 0016 records the hash version of the snapshots stored before
// it as 1, and their hashes hold by that version when read back. The
// snapshot is the one stored before versions (consolidatetest.SnapshotV1),
// written as InsertSnapshot wrote it then.
func TestMigration0016_SnapshotsBeforeAreVersion1(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	sql, err := fs.ReadFile(migrations.FS, "0016_snapshot_hash_version.up.sql")
	if err != nil {
		t.Fatal(err)
	}
	content := consolidatetest.SnapshotV1(t)
	var stored struct {
		Hash string `json:"hash"`
	}
	if err := json.Unmarshal(content, &stored); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `ALTER TABLE snapshots DROP COLUMN hash_version;
		INSERT INTO catalog_versions (hash, name, content) VALUES ('h', 'old', '{}');
		INSERT INTO rounds (code, kind, title, year, period_start, period_end, data_from, cutoff, due_at, catalog_version_id)
		SELECT 'NAM-2024', 'annual', 'Báo cáo năm 2024', 2024, '2024-01-01', '2024-12-31', '2023-11-01', '2024-10-31', '2024-11-09 17:00+00', id
		FROM catalog_versions`); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `INSERT INTO snapshots (round_id, hash, content) SELECT id, $1, $2 FROM rounds`, stored.Hash, content); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, string(sql)); err != nil {
		t.Fatalf("0016: %v", err)
	}
	var roundID int64
	if err := pool.QueryRow(ctx, "SELECT id FROM rounds").Scan(&roundID); err != nil {
		t.Fatal(err)
	}
	row, err := postgres.LatestSnapshot(ctx, pool, roundID)
	if err != nil {
		t.Fatal(err)
	}
	if s := row.Snapshot; s.HashVersion != consolidate.HashDocument || s.Hash != stored.Hash || !s.HashHolds() {
		t.Fatalf("read back: version %d, hash %s (stored %s), holds %v", s.HashVersion, s.Hash, stored.Hash, s.HashHolds())
	}
	// A snapshot is never stored without its version.
	if _, err := pool.Exec(ctx, `INSERT INTO snapshots (round_id, hash, content) VALUES ($1, 'x', '{}')`, roundID); err == nil {
		t.Fatal("a snapshot was stored without a hash version")
	}
}
