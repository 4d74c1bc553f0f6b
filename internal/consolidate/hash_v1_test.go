package consolidate_test

import (
	"encoding/json"
	"testing"

	"baocao/internal/consolidate"
	"baocao/internal/consolidate/consolidatetest"
	"baocao/internal/submission"
)

// A snapshot stored before versions were recorded (SnapshotV1: the demo
// snapshot of that time, with the hand-written writer's version 1 hash and
// no hash_version) holds, read back.
func TestHashHolds_StoredBeforeVersions(t *testing.T) {
	var s consolidate.Snapshot
	if err := json.Unmarshal(consolidatetest.SnapshotV1(t), &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Cells) < 100 || s.Hash != "5a06bbcd89e313264fffbce5c973ddea3583c6711058ccb835549984609705cf" || s.HashVersion != 0 {
		t.Fatalf("the fixture: %d cells, hash %q, version %d", len(s.Cells), s.Hash, s.HashVersion)
	}
	if !s.HashHolds() {
		t.Fatalf("the stored hash %s does not hold", s.Hash)
	}
	s.Cells[0].Units = map[string]submission.Value{}
	if s.HashHolds() {
		t.Fatal("the stored hash holds for changed content")
	}
}
