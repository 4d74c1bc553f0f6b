package demo

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/auth"
	"baocao/internal/catalog"
	"baocao/internal/postgres"
	catalogs "baocao/templates/catalog"
)

// Install prepares an empty, migrated database the way a developer's first
// `make run` finds it: the seed catalog as the current version, the demo
// accounts with password, and the demo season (played up to Now). Tests,
// drills and benchmarks that need "the demo" start from here.
func Install(ctx context.Context, pool *pgxpool.Pool, password string) (*catalog.Catalog, error) {
	c, err := catalogs.LoadSeed()
	if err != nil {
		return nil, err
	}
	if _, _, err := postgres.SaveCatalog(ctx, pool, catalogs.Seed, c); err != nil {
		return nil, fmt.Errorf("seed catalog: %w", err)
	}
	if _, err := auth.New(pool, auth.Settings{}).EnsureUsers(ctx, Accounts(c), password); err != nil {
		return nil, fmt.Errorf("demo accounts: %w", err)
	}
	if err := Seed(ctx, pool, slog.New(slog.DiscardHandler)); err != nil {
		return nil, err
	}
	return c, nil
}
