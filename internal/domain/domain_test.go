package domain

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDomain_NoSQLNoHTTP holds the package to plain types and rules: no
// database driver, no SQL package, no HTTP.
func TestDomain_NoSQLNoHTTP(t *testing.T) {
	forbidden := []string{"baocao/internal/postgres", "database/sql", "github.com/jackc/", "net/http", "github.com/riverqueue/"}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, name := range files {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			for _, bad := range forbidden {
				if path == bad || strings.HasPrefix(path, bad) && (strings.HasSuffix(bad, "/") || strings.HasPrefix(path, bad+"/")) {
					t.Errorf("%s imports %s", name, path)
				}
			}
		}
	}
	if checked < 2 {
		t.Fatalf("read %d files of package domain, want all of them", checked)
	}
}
