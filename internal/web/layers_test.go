package web

import (
	"strings"
	"testing"

	"baocao/internal/testkit"
)

// TestLayers_NoPostgres holds the layering of issue 19: handlers call the
// services, never the database package.
func TestLayers_NoPostgres(t *testing.T) {
	for file, imports := range testkit.Imports(t, ".") {
		for _, path := range imports {
			if path == "baocao/internal/postgres" || strings.HasPrefix(path, "baocao/internal/postgres/") {
				t.Errorf("%s imports %s: web handlers call services, which call postgres", file, path)
			}
		}
	}
}
