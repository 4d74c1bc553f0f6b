// Package catalogs embeds the catalog folders shipped with baocao; see
// README.md beside this file for the format.
package catalogs

import (
	"embed"
	"fmt"
	"io/fs"

	"baocao/internal/catalog"
)

// Seed is the catalog `baocao run` loads in development.
const Seed = "kien-giang-2024"

// FS holds every catalog folder.
//
//go:embed kien-giang-2024
var FS embed.FS

// LoadSeed loads and checks the embedded seed catalog; problems name
// their files as templates/catalog/kien-giang-2024/….
func LoadSeed() (*catalog.Catalog, error) {
	fsys, err := fs.Sub(FS, Seed)
	if err != nil {
		return nil, err
	}
	c, err := catalog.Load(fsys, "templates/catalog/"+Seed)
	if err != nil {
		return nil, fmt.Errorf("seed catalog:\n%w", err)
	}
	return c, nil
}
