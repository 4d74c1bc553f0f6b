package web

import (
	"os"
	"strings"
	"testing"
)

// docs/api.md is the API's reference for integrators: every /api/v1 route
// of the route table is described there.
func TestAPIDocListsEveryRoute(t *testing.T) {
	doc, err := os.ReadFile("../../docs/api.md")
	if err != nil {
		t.Fatal(err)
	}
	s, _ := newTestServer(t)
	for _, rt := range s.table {
		if !strings.Contains(rt.pattern, "/api/v1/") {
			continue
		}
		if !strings.Contains(string(doc), "`"+rt.pattern) {
			t.Errorf("docs/api.md does not describe %s", rt.pattern)
		}
	}
}
