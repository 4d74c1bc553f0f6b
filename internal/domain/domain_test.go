package domain_test

import (
	"strings"
	"testing"

	"baocao/internal/testkit"
)

// TestDomain_NoSQLNoHTTP holds the package to plain types and rules: no
// database driver, no SQL package, no HTTP.
func TestDomain_NoSQLNoHTTP(t *testing.T) {
	forbidden := []string{"baocao/internal/postgres", "database/sql", "github.com/jackc", "net/http", "riverqueue.com", "github.com/riverqueue"}
	for file, imports := range testkit.Imports(t, ".") {
		for _, path := range imports {
			for _, bad := range forbidden {
				if path == bad || strings.HasPrefix(path, bad+"/") {
					t.Errorf("%s imports %s", file, path)
				}
			}
		}
	}
}
