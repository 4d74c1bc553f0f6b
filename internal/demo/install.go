package demo

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/access"
	"baocao/internal/auth"
	"baocao/internal/catalog"
)

// Install prepares an empty, migrated database the way a developer's first
// `make run` finds it: the shipped catalogs (An Giang's current), the demo
// accounts with password (hashed at cost: tests pass a cheap one), the
// demo seasons played up to Now and, when generate is not nil, the closed
// rounds' reports issued. Tests, drills and benchmarks that need "the
// demo" start from here; it returns the current catalog.
func Install(ctx context.Context, pool *pgxpool.Pool, password string, cost access.PasswordCost, generate Generate) (*catalog.Catalog, error) {
	c, err := StoreCatalogs(ctx, pool)
	if err != nil {
		return nil, fmt.Errorf("demo catalogs: %w", err)
	}
	if _, err := auth.New(pool, auth.Settings{PasswordCost: cost}).EnsureUsers(ctx, Accounts(c, Now()), password); err != nil {
		return nil, fmt.Errorf("demo accounts: %w", err)
	}
	quiet := slog.New(slog.DiscardHandler)
	if err := Seed(ctx, pool, quiet); err != nil {
		return nil, err
	}
	if generate != nil {
		if err := IssueReports(ctx, pool, quiet, generate); err != nil {
			return nil, err
		}
	}
	return c, nil
}
