package testkit

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Imports lists what each non-test Go file of dir imports, by file name,
// for tests that hold a package to its layer. It fails the test when dir
// has no such file, so a moved package cannot pass by being empty.
func Imports(t testing.TB, dir string) map[string][]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(name)
		out[base] = []string{}
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				t.Fatalf("%s: import %s: %v", name, imp.Path.Value, err)
			}
			out[base] = append(out[base], path)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no Go source file in %s", dir)
	}
	return out
}
