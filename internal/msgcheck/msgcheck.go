// Package msgcheck lets tests check that a user-facing message was made
// from one of a package's message formats (the msg… string constants of
// its messages.go), so fuzzing finds any message built some other way.
package msgcheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Formats is the set of message patterns of one source file.
type Formats []*regexp.Regexp

// Load turns every msg… string constant of the Go file at path into a
// pattern that matches the messages it formats (each verb matches any
// text). Fewer than min constants means the parse missed them.
func Load(tb testing.TB, path string, min int) Formats {
	tb.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		tb.Fatal(err)
	}
	verb := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)
	var out Formats
	ast.Inspect(file, func(n ast.Node) bool {
		spec, ok := n.(*ast.ValueSpec)
		if !ok || len(spec.Values) != len(spec.Names) {
			return true
		}
		for i, name := range spec.Names {
			lit, ok := spec.Values[i].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING || !strings.HasPrefix(name.Name, "msg") {
				continue
			}
			format, err := strconv.Unquote(lit.Value)
			if err != nil {
				tb.Fatal(err)
			}
			literal := verb.Split(format, -1)
			for j := range literal {
				literal[j] = regexp.QuoteMeta(literal[j])
			}
			out = append(out, regexp.MustCompile(`(?s)^`+strings.Join(literal, `.*`)+`$`))
		}
		return true
	})
	if len(out) < min {
		tb.Fatalf("found %d message formats in %s; the parser missed them", len(out), path)
	}
	return out
}

// Match reports whether s was made from one of the formats.
func (f Formats) Match(s string) bool {
	for _, re := range f {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}
