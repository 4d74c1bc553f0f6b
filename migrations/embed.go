// Package migrations embeds the application's SQL migrations so the binary
// carries them. Files are named NNNN_name.up.sql and applied in order of
// NNNN, each in its own transaction; see internal/postgres.Migrate.
package migrations

import "embed"

// FS holds every file of this folder; the migrator reads the *.up.sql ones.
//
//go:embed *
var FS embed.FS
