package postgres_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/pgtest"
	"baocao/internal/postgres"
)

func loadMinimal(t *testing.T, edit func(fstest.MapFS)) *catalog.Catalog {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range catalog.Files {
		data, err := os.ReadFile("../catalog/testdata/minimal/" + name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	if edit != nil {
		edit(fsys)
	}
	c, err := catalog.Load(fsys, "minimal")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSaveCatalog_Versions(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	if _, err := postgres.CurrentCatalog(ctx, pool); !errors.Is(err, domain.ErrNoCatalog) {
		t.Fatalf("CurrentCatalog on an empty database: %v", err)
	}
	first := loadMinimal(t, nil)
	id1, changed, err := postgres.SaveCatalog(ctx, pool, "minimal", first)
	if err != nil || !changed {
		t.Fatalf("first save: id %d changed %v err %v", id1, changed, err)
	}
	again, changed, err := postgres.SaveCatalog(ctx, pool, "minimal", loadMinimal(t, nil))
	if err != nil || changed || again != id1 {
		t.Fatalf("same content again: id %d (want %d) changed %v err %v", again, id1, changed, err)
	}
	assertVersions(t, pool, 1)

	// A round opened on the first version, expecting its reporters.
	start, end := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	expected, _ := first.Reporters(catalog.RoundAnnual, start, end)
	var units []domain.RoundUnit
	for _, e := range expected {
		units = append(units, domain.RoundUnit{UnitCode: e.Unit.Code, FormCode: e.Form.Code})
	}
	round, err := postgres.CreateRound(ctx, pool, domain.Round{Code: "NAM-2024", Kind: catalog.RoundAnnual,
		Title: "Báo cáo năm 2024", PeriodStart: start, PeriodEnd: end,
		DueAt: time.Date(2024, 11, 9, 17, 0, 0, 0, time.UTC), CatalogVersionID: id1}, units)
	if err != nil {
		t.Fatal(err)
	}

	// One indicator changes: a second version becomes current.
	changedCat := loadMinimal(t, func(fsys fstest.MapFS) {
		f := fsys["indicators.yaml"]
		f.Data = []byte(strings.Replace(string(f.Data), "name: Số trẻ em có hoàn cảnh đặc biệt\n", "name: Số trẻ em có hoàn cảnh đặc biệt (sửa đổi)\n", 1))
	})
	id2, changed, err := postgres.SaveCatalog(ctx, pool, "minimal", changedCat)
	if err != nil || !changed || id2 == id1 {
		t.Fatalf("changed content: id %d changed %v err %v", id2, changed, err)
	}
	assertVersions(t, pool, 2)
	current, err := postgres.CurrentCatalog(ctx, pool)
	if err != nil || current.ID != id2 {
		t.Fatalf("current = %v, %v; want version %d", current, err, id2)
	}

	// The round still reads the catalog it was opened with.
	stored, err := postgres.GetRound(ctx, pool, "NAM-2024")
	if err != nil {
		t.Fatal(err)
	}
	v, err := postgres.GetCatalogVersion(ctx, pool, stored.CatalogVersionID)
	if err != nil {
		t.Fatal(err)
	}
	ind, _ := v.Catalog.Indicator("BV01")
	if v.ID != id1 || ind.Name != "Số trẻ em có hoàn cảnh đặc biệt" {
		t.Fatalf("round %s reads version %d with BV01 %q; want version %d, the original name", round.Code, v.ID, ind.Name, id1)
	}
	stillUnits, err := postgres.ListRoundUnits(ctx, pool, round.ID)
	if err != nil || len(stillUnits) != 3 {
		t.Fatalf("round units = %v, %v; want the 3 expected in 2024", stillUnits, err)
	}

	// Loading the first content again makes it current without a new row.
	back, changed, err := postgres.SaveCatalog(ctx, pool, "minimal", loadMinimal(t, nil))
	if err != nil || !changed || back != id1 {
		t.Fatalf("revert: id %d changed %v err %v; want %d", back, changed, err, id1)
	}
	assertVersions(t, pool, 2)

	// Stored versions cannot be rewritten.
	if _, err := pool.Exec(ctx, "UPDATE catalog_versions SET name = 'x' WHERE id = $1", id1); err == nil {
		t.Fatal("a catalog version was updated")
	}
}

func assertVersions(t *testing.T, db postgres.DBTX, want int) {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), "SELECT count(*) FROM catalog_versions").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != want {
		t.Fatalf("catalog versions = %d, want %d", n, want)
	}
}
