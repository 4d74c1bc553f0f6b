package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every action the code writes to the audit log has a Vietnamese name:
// the log never shows a raw code. Actions are found as the string
// literals given to AuditEntry.Action and to the helpers that pass one
// on; submission transitions are "submission_" and their event.
func TestActionNames_EveryAuditAction(t *testing.T) {
	literal := regexp.MustCompile(`Action: +"([a-z_]+)"|action(?: :)?= "([a-z_]+)"|"(password_change_failed|token_create_failed)"`)
	found := map[string]bool{}
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range literal.FindAllStringSubmatch(string(data), -1) {
			for _, code := range m[1:] {
				if code != "" && !strings.HasSuffix(code, "_") {
					found[code] = true
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, event := range []string{"accepted", "returned", "reopened", "withdrawn"} {
		found["submission_"+event] = true
	}
	if len(found) < 20 {
		t.Fatalf("found only %d audit actions: the scan is broken", len(found))
	}
	for code := range found {
		if actionNames[code] == "" {
			t.Errorf("audit action %q has no Vietnamese name in auditActionList", code)
		}
	}
}
