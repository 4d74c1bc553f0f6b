// Package consolidatetest gives tests and benchmarks the fixture they
// share: the demo season's consolidated snapshot.
package consolidatetest

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/consolidate"
	catalogs "baocao/templates/catalog"
)

// DemoSnapshot decodes internal/consolidate/testdata/demo-snapshot.json,
// the demo season's snapshot (31 units, 90 indicators; rewritten by
// `go test ./internal/reports -update`), failing tb if it cannot.
func DemoSnapshot(tb testing.TB) *consolidate.Snapshot {
	tb.Helper()
	raw, err := os.ReadFile(testdata(tb, "demo-snapshot.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var s consolidate.Snapshot
	if err := json.Unmarshal(raw, &s); err != nil {
		tb.Fatalf("decode the demo snapshot: %v", err)
	}
	return &s
}

// SnapshotV1 is internal/consolidate/testdata/snapshot-v1.json.gz
// unpacked: the demo snapshot's JSON as it was stored before hash versions
// were recorded, with a version 1 hash made by the writer of the time.
// Unlike the demo snapshot it is never written again.
func SnapshotV1(tb testing.TB) []byte {
	tb.Helper()
	f, err := os.Open(testdata(tb, "snapshot-v1.json.gz"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		tb.Fatal(err)
	}
	return raw
}

// testdata is the path of a file of internal/consolidate/testdata.
func testdata(tb testing.TB, name string) string {
	tb.Helper()
	_, here, _, ok := runtime.Caller(0)
	if !ok {
		tb.Fatal("consolidatetest: cannot locate the fixtures")
	}
	return filepath.Join(filepath.Dir(here), "..", "testdata", name)
}

// KienGiangRoles are the roles of the Kiên Giang seed catalog the demo
// snapshot was consolidated on: its issuer, recipients and signer, as a
// report of that snapshot prints them. It panics if the seed does not
// load, which every other test would report too.
func KienGiangRoles() catalog.InForce {
	c, err := catalogs.LoadSeed()
	if err != nil {
		panic(err)
	}
	r, err := c.RolesOn(time.Date(2025, 11, 5, 0, 0, 0, 0, time.UTC))
	if err != nil {
		panic(err)
	}
	return r
}
