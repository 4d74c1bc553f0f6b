package reports

import (
	"context"
	"encoding/json"
	"flag"
	"math"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/access"
	"baocao/internal/consolidate"
	"baocao/internal/demo"
	"baocao/internal/domain"
	"baocao/internal/intake"
	"baocao/internal/pgtest"
	"baocao/internal/postgres"
	"baocao/internal/submission"
	"baocao/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite internal/consolidate/testdata/demo-snapshot.json from the 2024 round")

func TestMain(m *testing.M) {
	demo.Now = func() time.Time { return time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC) }
	pgtest.Main(m)
}

// seeded is a database with the shipped catalogs and the demo seasons:
// 2024 and 2025 closed (without their reports), 2026 open.
func seeded(t *testing.T) *pgxpool.Pool {
	t.Helper()
	pool := pgtest.New(t)
	if _, err := demo.Install(context.Background(), pool, "baocao-demo-2024", testkit.PasswordCost, nil); err != nil {
		t.Fatal(err)
	}
	return pool
}

// newService is the service as the program builds it, its jobs inserted
// by an insert-only client.
func newService(t *testing.T, pool *pgxpool.Pool, r Renderer) *Service {
	t.Helper()
	jobs := testkit.Inserter(t, pool)
	return New(pool, intake.New(pool, jobs), r, jobs)
}

func TestConsolidate_DemoSeason(t *testing.T) {
	pool := seeded(t)
	s := newService(t, pool, nil)
	s.Now = func() time.Time { return time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC) }
	snap, _, err := s.Consolidate(context.Background(), "NAM-2026", false)
	if err != nil {
		t.Fatal(err)
	}
	c := snap.Completeness
	if c.Expected != 112 || c.Included != c.Accepted || c.Accepted < 20 || c.Submitted <= c.Accepted {
		t.Fatalf("completeness = %+v", c)
	}
	again, _, _ := s.Consolidate(context.Background(), "NAM-2026", false)
	if again.Hash != snap.Hash {
		t.Fatal("consolidating unchanged data changed the hash")
	}
	with, _, _ := s.Consolidate(context.Background(), "NAM-2026", true)
	if with.Completeness.Included != c.Submitted || with.Hash == snap.Hash {
		t.Fatalf("with unreviewed: included %d of %d submitted", with.Completeness.Included, c.Submitted)
	}
	// The 2025 round compares with Kiên Giang's 2024 round on the ground
	// its successors cover: the 48 communes of former Kiên Giang against
	// its 15 districts. The 54 communes of former An Giang stay out, and
	// so do the 10 provincial bodies, which also cover former An Giang.
	prev, _, err := s.Consolidate(context.Background(), "NAM-2024", false)
	if err != nil || prev.Comparison != nil {
		t.Fatalf("2024: %v, comparison %+v; want none (no round before)", err, prev.Comparison)
	}
	if _, _, err := postgres.InsertSnapshot(context.Background(), pool, mustRoundOf(t, pool, "NAM-2024").ID, prev); err != nil {
		t.Fatal(err)
	}
	y25, _, err := s.Consolidate(context.Background(), "NAM-2025", false)
	if err != nil {
		t.Fatal(err)
	}
	cmp := y25.Comparison
	if cmp == nil || cmp.Round != "NAM-2024" || cmp.Year != 2024 || cmp.Units != 48 || cmp.PreviousUnits != 15 || len(cmp.Outside) != 64 {
		t.Fatalf("2025 comparison = %+v", cmp)
	}
	ch, ok := cmp.ChangeOf("TQ01")
	if !ok || ch.Previous == nil || ch.Current == nil || *ch.Previous.Number < 409_000 || *ch.Current.Number > 1.1**ch.Previous.Number {
		t.Fatalf("TQ01 year on year = %+v", ch)
	}
	if *update {
		with, r, _ := s.Consolidate(context.Background(), "NAM-2024", true)
		if err := postgres.AttachUnits(context.Background(), pool, r.ID, with); err != nil {
			t.Fatal(err)
		}
		data, _ := json.MarshalIndent(with, "", " ")
		if err := os.WriteFile("../consolidate/testdata/demo-snapshot.json", data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var _ consolidate.Snapshot
}

func mustRoundOf(t *testing.T, pool *pgxpool.Pool, code string) domain.Round {
	t.Helper()
	r, err := postgres.GetRound(context.Background(), pool, code)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The database's aggregation gives the figures the catalog's rules give
// in memory, cell by cell, on the whole demo season: the totals a
// consolidation records, and the units' figures a report reads.
func TestConsolidate_DatabaseAggregatesLikeTheRules(t *testing.T) {
	ctx := context.Background()
	pool := seeded(t)
	s := newService(t, pool, nil)
	fromDB, r, err := s.Consolidate(ctx, "NAM-2026", true)
	if err != nil {
		t.Fatal(err)
	}
	if err := postgres.AttachUnits(ctx, pool, r.ID, fromDB); err != nil { // as a report reads them
		t.Fatal(err)
	}
	c, err := s.intake.Catalog(ctx, pool, r.CatalogVersionID)
	if err != nil {
		t.Fatal(err)
	}
	subs, err := postgres.ListSubmissions(ctx, pool, access.Scope{}, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var inputs []consolidate.Input
	for _, sub := range subs {
		in := consolidate.Input{Status: consolidate.UnitStatus{Unit: sub.UnitCode, Status: sub.Status, SubmittedAt: sub.SubmittedAt,
			FirstSubmittedAt: sub.FirstSubmittedAt, Revision: sub.Revision}}
		if sub.Revision > 0 {
			content, err := postgres.Content(ctx, pool, sub.ID, sub.Revision)
			if err != nil {
				t.Fatal(err)
			}
			in.Content = &content
		}
		inputs = append(inputs, in)
	}
	var codes []string
	for _, ind := range fromDB.Indicators {
		codes = append(codes, ind.Code)
	}
	inMemory := consolidate.Build(c, r.CatalogVersionID, fromDB.Round, codes, inputs, true)
	if len(inMemory.Cells) != len(fromDB.Cells) || len(inMemory.Narratives) != len(fromDB.Narratives) {
		t.Fatalf("cells %d vs %d, narratives %d vs %d", len(inMemory.Cells), len(fromDB.Cells), len(inMemory.Narratives), len(fromDB.Narratives))
	}
	close := func(a, b *float64) bool {
		if a == nil || b == nil {
			return a == b
		}
		return math.Abs(*a-*b) <= 1e-9*math.Max(1, math.Abs(*a))
	}
	same := func(a, b *submission.Value) bool {
		if a == nil || b == nil {
			return a == b
		}
		return close(a.Number, b.Number) && close(a.Num, b.Num) && close(a.Den, b.Den)
	}
	checked := 0
	for i, want := range inMemory.Cells {
		got := fromDB.Cells[i]
		if got.Key != want.Key || !same(got.Total, want.Total) || len(got.Units) != len(want.Units) {
			t.Fatalf("cell %s: database %+v (%d units), rules %+v (%d units)", want.Key, got.Total, len(got.Units), want.Total, len(want.Units))
		}
		// The units' own figures, read from the revisions' rows, are bit
		// for bit what their JSON holds; a unit's derived total is an exact
		// sum (the rules' in memory add float64s).
		if ind, _ := fromDB.Indicator(want.Indicator); len(ind.Dims) > 0 && want.Key == submission.Key(want.Indicator) {
			for u, v := range want.Units {
				gv := got.Units[u]
				if !same(&gv, &v) {
					t.Fatalf("cell %s unit %s: %+v vs %+v", want.Key, u, gv, v)
				}
			}
		} else if g, w := mustJSON(t, got.Units), mustJSON(t, want.Units); g != w {
			t.Fatalf("cell %s: units %s, in the revisions %s", want.Key, g, w)
		}
		if want.Total != nil {
			checked++
		}
	}
	if checked < 250 {
		t.Fatalf("only %d cells with totals compared", checked)
	}
	if g, w := mustJSON(t, fromDB.Narratives), mustJSON(t, inMemory.Narratives); g != w {
		t.Fatalf("narratives differ:\n%s\n%s", g, w)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
