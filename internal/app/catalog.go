package app

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/catalog"
	"baocao/internal/demo"
	"baocao/internal/postgres"
	"baocao/migrations"
	catalogs "baocao/templates/catalog"
)

// Migrations are the application's SQL migrations.
var Migrations fs.FS = migrations.FS

// catalogLockKey serialises catalog loads from several processes.
const catalogLockKey = 0x6361_7461_6c6f // "catalo"

// StoreCatalog stores c as the current catalog version in one transaction.
// Identical content is a no-op (changed is false).
func StoreCatalog(ctx context.Context, pool *pgxpool.Pool, name string, c *catalog.Catalog) (id int64, changed bool, err error) {
	err = pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", catalogLockKey); err != nil {
			return err
		}
		id, changed, err = postgres.SaveCatalog(ctx, tx, name, c)
		return err
	})
	if err != nil {
		return 0, false, fmt.Errorf("load catalog %s: %w", name, err)
	}
	return id, changed, nil
}

// loadShippedCatalogs stores the catalogs shipped for development (see
// demo.StoreCatalogs): An Giang's current, Kiên Giang's kept for its 2024
// round.
func loadShippedCatalogs(ctx context.Context, pool *pgxpool.Pool, logger *slog.Logger) error {
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", catalogLockKey); err != nil {
			return err
		}
		_, err := demo.StoreCatalogs(ctx, tx)
		return err
	})
	if err != nil {
		return fmt.Errorf("load the shipped catalogs: %w", err)
	}
	logger.Info("shipped catalogs loaded", "current", catalogs.AnGiang, "kept", catalogs.KienGiang)
	return nil
}
