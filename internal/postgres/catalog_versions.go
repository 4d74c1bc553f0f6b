package postgres

import (
	"context"
	"fmt"

	"baocao/internal/domain"
)

// ListCatalogVersions returns every stored version, newest first.
func ListCatalogVersions(ctx context.Context, db DBTX) ([]domain.CatalogVersionInfo, error) {
	rows, err := db.Query(ctx, `SELECT v.id, v.hash, v.name, v.loaded_at,
			EXISTS (SELECT 1 FROM catalog_current c WHERE c.version_id = v.id),
			COALESCE((SELECT array_agg(r.code ORDER BY r.period_start, r.code) FROM rounds r WHERE r.catalog_version_id = v.id), '{}')
		FROM catalog_versions v ORDER BY v.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list catalog versions: %w", err)
	}
	defer rows.Close()
	var out []domain.CatalogVersionInfo
	for rows.Next() {
		var v domain.CatalogVersionInfo
		if err := rows.Scan(&v.ID, &v.Hash, &v.Name, &v.LoadedAt, &v.Current, &v.Rounds); err != nil {
			return nil, fmt.Errorf("list catalog versions: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list catalog versions: %w", err)
	}
	return out, nil
}

// MakeCatalogCurrent makes the stored version id the one new rounds and
// the catalog endpoints use. Rounds already opened keep their own
// version (rounds.catalog_version_id). It reports whether anything
// changed: false when id was already current. An unknown id is
// ErrNoCatalog.
func MakeCatalogCurrent(ctx context.Context, db DBTX, id int64) (changed bool, err error) {
	var exists bool
	if err := db.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM catalog_versions WHERE id = $1)", id).Scan(&exists); err != nil {
		return false, fmt.Errorf("make catalog version %d current: %w", id, err)
	}
	if !exists {
		return false, domain.ErrNoCatalog
	}
	tag, err := db.Exec(ctx, `INSERT INTO catalog_current (version_id) VALUES ($1)
		ON CONFLICT (id) DO UPDATE SET version_id = excluded.version_id, changed_at = now()
		WHERE catalog_current.version_id <> excluded.version_id`, id)
	if err != nil {
		return false, fmt.Errorf("make catalog version %d current: %w", id, err)
	}
	return tag.RowsAffected() > 0, nil
}
