package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"baocao/internal/catalog"
	"baocao/internal/domain"
)

// SaveCatalog stores c as a version (reusing the existing one with the same
// content) and makes it current. It reports whether anything changed: false
// when this content was already the current version.
func SaveCatalog(ctx context.Context, db DBTX, name string, c *catalog.Catalog) (id int64, changed bool, err error) {
	if id, err = StoreCatalogVersion(ctx, db, name, c); err != nil {
		return 0, false, err
	}
	if changed, err = MakeCatalogCurrent(ctx, db, id); err != nil {
		return 0, false, err
	}
	return id, changed, nil
}

// StoreCatalogVersion stores c as a version without making it current
// (reusing the existing one with the same content): a catalog kept for
// the rounds opened on it, such as an organisation that no longer exists.
func StoreCatalogVersion(ctx context.Context, db DBTX, name string, c *catalog.Catalog) (int64, error) {
	content, err := json.Marshal(c)
	if err != nil {
		return 0, fmt.Errorf("encode catalog: %w", err)
	}
	var id int64
	err = db.QueryRow(ctx, `WITH ins AS (
			INSERT INTO catalog_versions (hash, name, content) VALUES ($1, $2, $3)
			ON CONFLICT (hash) DO NOTHING RETURNING id)
		SELECT id FROM ins UNION ALL SELECT id FROM catalog_versions WHERE hash = $1 LIMIT 1`,
		c.Hash(), name, content).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store catalog version: %w", err)
	}
	return id, nil
}

// LatestCatalogNamed returns the version last loaded under name.
func LatestCatalogNamed(ctx context.Context, db DBTX, name string) (*domain.CatalogVersion, error) {
	return scanVersion(db.QueryRow(ctx, `SELECT id, hash, name, loaded_at, content
		FROM catalog_versions WHERE name = $1 ORDER BY loaded_at DESC, id DESC LIMIT 1`, name))
}

// CurrentCatalog returns the version in use.
func CurrentCatalog(ctx context.Context, db DBTX) (*domain.CatalogVersion, error) {
	return scanVersion(db.QueryRow(ctx, `SELECT v.id, v.hash, v.name, v.loaded_at, v.content
		FROM catalog_current c JOIN catalog_versions v ON v.id = c.version_id`))
}

// GetCatalogVersion returns the stored version id.
func GetCatalogVersion(ctx context.Context, db DBTX, id int64) (*domain.CatalogVersion, error) {
	return scanVersion(db.QueryRow(ctx, `SELECT id, hash, name, loaded_at, content
		FROM catalog_versions WHERE id = $1`, id))
}

func scanVersion(row pgx.Row) (*domain.CatalogVersion, error) {
	var v domain.CatalogVersion
	var content []byte
	err := row.Scan(&v.ID, &v.Hash, &v.Name, &v.LoadedAt, &content)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, domain.ErrNoCatalog
	}
	if err != nil {
		return nil, fmt.Errorf("read catalog version: %w", err)
	}
	v.Catalog = new(catalog.Catalog)
	if err := json.Unmarshal(content, v.Catalog); err != nil {
		return nil, fmt.Errorf("decode catalog version %d: %w", v.ID, err)
	}
	return &v, nil
}
