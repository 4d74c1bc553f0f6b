// Package consolidatetest gives tests and benchmarks the fixture they
// share: the demo season's consolidated snapshot.
package consolidatetest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"baocao/internal/consolidate"
)

// DemoSnapshot decodes internal/consolidate/testdata/demo-snapshot.json,
// the demo season's snapshot (31 units, 90 indicators; rewritten by
// `go test ./internal/reports -update`), failing tb if it cannot.
func DemoSnapshot(tb testing.TB) *consolidate.Snapshot {
	tb.Helper()
	_, here, _, ok := runtime.Caller(0)
	if !ok {
		tb.Fatal("consolidatetest: cannot locate the fixture")
	}
	raw, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "testdata", "demo-snapshot.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var s consolidate.Snapshot
	if err := json.Unmarshal(raw, &s); err != nil {
		tb.Fatalf("decode the demo snapshot: %v", err)
	}
	return &s
}
