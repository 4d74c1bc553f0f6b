package reports

import (
	"context"
	"encoding/json"
	"flag"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/auth"
	"baocao/internal/catalog"
	"baocao/internal/consolidate"
	"baocao/internal/demo"
	"baocao/internal/intake"
	"baocao/internal/pgtest"
	"baocao/internal/postgres"
)

var update = flag.Bool("update", false, "rewrite internal/consolidate/testdata/demo-snapshot.json")

func TestMain(m *testing.M) {
	demo.Now = func() time.Time { return time.Date(2025, 11, 20, 9, 0, 0, 0, time.UTC) }
	pgtest.Main(m)
}

// seeded is a database with the seed catalog and the demo season.
func seeded(t *testing.T) *pgxpool.Pool {
	t.Helper()
	ctx := context.Background()
	pool := pgtest.New(t)
	c, err := catalog.Load(os.DirFS("../../templates/catalog/kien-giang-2024"), "kien-giang-2024")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := postgres.SaveCatalog(ctx, pool, "kien-giang-2024", c); err != nil {
		t.Fatal(err)
	}
	users := demo.Accounts(c)
	if _, err := auth.New(pool, auth.Settings{}).EnsureUsers(ctx, users, "baocao-demo-2024"); err != nil {
		t.Fatal(err)
	}
	if err := demo.Seed(ctx, pool, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	return pool
}

func TestConsolidate_DemoSeason(t *testing.T) {
	pool := seeded(t)
	s := New(pool, intake.New(pool), nil)
	s.Now = func() time.Time { return time.Date(2025, 11, 21, 8, 0, 0, 0, time.UTC) }
	snap, _, err := s.Consolidate(context.Background(), "NAM-2025", false)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Completeness.Expected != 31 || snap.Completeness.Included != 10 || snap.Completeness.Accepted != 10 {
		t.Fatalf("completeness = %+v", snap.Completeness)
	}
	again, _, _ := s.Consolidate(context.Background(), "NAM-2025", false)
	if again.Hash != snap.Hash {
		t.Fatal("consolidating unchanged data changed the hash")
	}
	with, _, _ := s.Consolidate(context.Background(), "NAM-2025", true)
	if with.Completeness.Included != 22 || with.Hash == snap.Hash {
		t.Fatalf("with unreviewed: included %d", with.Completeness.Included)
	}
	if *update {
		data, _ := json.MarshalIndent(with, "", " ")
		if err := os.WriteFile("../consolidate/testdata/demo-snapshot.json", data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var _ consolidate.Snapshot
}
