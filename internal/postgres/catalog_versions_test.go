package postgres_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/pgtest"
	"baocao/internal/postgres"
)

// Making another version current leaves a round on the version it was
// opened with; the list says which version is current and which rounds
// use each.
func TestMakeCatalogCurrent_RoundsKeepTheirVersion(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	first, _, err := postgres.SaveCatalog(ctx, pool, "minimal", loadMinimal(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	start, end := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	if _, err := postgres.CreateRound(ctx, pool, domain.Round{Code: "NAM-2024", Kind: catalog.RoundAnnual, Title: "Báo cáo năm 2024",
		PeriodStart: start, PeriodEnd: end, DueAt: end, CatalogVersionID: first}, nil); err != nil {
		t.Fatal(err)
	}
	next := loadMinimal(t, nil)
	next.Plan.Title += " (sửa đổi)"
	second, err := postgres.StoreCatalogVersion(ctx, pool, "minimal", next)
	if err != nil {
		t.Fatal(err)
	}
	if changed, err := postgres.MakeCatalogCurrent(ctx, pool, second); err != nil || !changed {
		t.Fatalf("MakeCatalogCurrent = %v, %v", changed, err)
	}
	if changed, err := postgres.MakeCatalogCurrent(ctx, pool, second); err != nil || changed {
		t.Fatalf("again = %v, %v; want no change", changed, err)
	}
	if _, err := postgres.MakeCatalogCurrent(ctx, pool, 999); !errors.Is(err, domain.ErrNoCatalog) {
		t.Fatalf("unknown version = %v", err)
	}
	r, err := postgres.GetRound(ctx, pool, "NAM-2024")
	if err != nil || r.CatalogVersionID != first {
		t.Fatalf("round after activation: %+v, %v; want version %d", r, err, first)
	}
	list, err := postgres.ListCatalogVersions(ctx, pool)
	if err != nil || len(list) != 2 {
		t.Fatalf("list = %+v, %v", list, err)
	}
	if list[0].ID != second || !list[0].Current || len(list[0].Rounds) != 0 ||
		list[1].ID != first || list[1].Current || len(list[1].Rounds) != 1 || list[1].Rounds[0] != "NAM-2024" {
		t.Errorf("list = %+v", list)
	}
}
