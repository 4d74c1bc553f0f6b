package app

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	catalogstore "baocao/internal/catalogs"
	"baocao/internal/demo"
	"baocao/migrations"
	catalogs "baocao/templates/catalog"
)

// Migrations are the application's SQL migrations.
var Migrations fs.FS = migrations.FS

// loadShippedCatalogs stores the catalogs shipped for development (see
// demo.StoreCatalogs): An Giang's current, Kiên Giang's kept for its 2024
// round.
func loadShippedCatalogs(ctx context.Context, pool *pgxpool.Pool, logger *slog.Logger) error {
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if err := catalogstore.Lock(ctx, tx); err != nil {
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
