// Package catalogs embeds the catalog folders shipped with baocao; see
// README.md beside this file for the format.
package catalogs

import "embed"

// Seed is the catalog `baocao run` loads in development.
const Seed = "kien-giang-2024"

// FS holds every catalog folder.
//
//go:embed kien-giang-2024
var FS embed.FS
