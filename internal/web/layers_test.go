package web

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestLayers_NoPostgres holds the layering of issue 19: handlers call the
// services, never the database package.
func TestLayers_NoPostgres(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if path == "baocao/internal/postgres" || strings.HasPrefix(path, "baocao/internal/postgres/") {
				t.Errorf("%s imports %s: web handlers call services, which call postgres", name, path)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no source file of package web was read")
	}
}
