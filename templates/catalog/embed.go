// Package catalogs embeds the catalog folders shipped with baocao; see
// README.md beside this file for the format.
package catalogs

import (
	"embed"
	"fmt"
	"io/fs"

	"baocao/internal/catalog"
)

// The catalog folders shipped with baocao.
const (
	// KienGiang is the Kiên Giang plan with the 2024 organisation (format 1).
	KienGiang = "kien-giang-2024"
	// AnGiang is the same plan carried on by the new An Giang province
	// from 2025-07-01, with the organisation as a timeline (format 2).
	AnGiang = "an-giang-2025"
)

// Seed is the catalog `baocao run` loads in development.
const Seed = KienGiang

// FS holds every catalog folder.
//
//go:embed kien-giang-2024 an-giang-2025
var FS embed.FS

// Load loads and checks the embedded catalog folder name (KienGiang,
// AnGiang); problems name their files as templates/catalog/<name>/….
func Load(name string) (*catalog.Catalog, error) {
	fsys, err := fs.Sub(FS, name)
	if err != nil {
		return nil, err
	}
	if _, err := fs.Stat(fsys, catalog.FilePlan); err != nil {
		return nil, fmt.Errorf("no embedded catalog %q: %w", name, err)
	}
	return catalog.Load(fsys, "templates/catalog/"+name)
}

// LoadSeed loads and checks the embedded seed catalog; problems name
// their files as templates/catalog/kien-giang-2024/….
func LoadSeed() (*catalog.Catalog, error) {
	c, err := Load(Seed)
	if err != nil {
		return nil, fmt.Errorf("seed catalog:\n%w", err)
	}
	return c, nil
}
