package consolidate

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"testing"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// jsonHash is how the content hash was computed before contentHash wrote
// its own JSON: the SHA-256 of json.Marshal of the snapshot without its
// hash and time. Snapshots stored since then carry such hashes.
func jsonHash(t *testing.T, s Snapshot) string {
	t.Helper()
	s.Hash, s.CreatedAt = "", time.Time{}
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// The demo snapshot was hashed by json.Marshal when it was written: the
// same content read back must still give that hash.
func TestContentHash_KeepsStoredHashes(t *testing.T) {
	s := demoSnapshot(t)
	if len(s.Cells) < 100 || s.Hash == "" {
		t.Fatalf("demo snapshot: %d cells, hash %q", len(s.Cells), s.Hash)
	}
	if got := s.ContentHash(); got != s.Hash {
		t.Fatalf("contentHash = %s, stored %s", got, s.Hash)
	}
	if got, want := s.ContentHash(), jsonHash(t, s); got != want {
		t.Fatalf("contentHash = %s, json.Marshal gives %s", got, want)
	}
}

// Every corner of encoding/json's output that the snapshot can reach:
// escapes, invalid UTF-8, number formats, nil against empty, time zones.
func TestContentHash_MatchesEncodingJSON(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	str := func(s string) *string { return &s }
	yes, no := true, false
	hcm := time.FixedZone("ICT", 7*3600)
	at := time.Date(2025, 3, 4, 5, 6, 7, 890123000, hcm)
	tricky := "a\"b\\c<d>e&f\u2028g\u2029h\x00\x01\b\f\n\r\t\x1f\x7f i\xffj Bắc Kạn ✓"
	full := Snapshot{
		Hash: "x", CreatedAt: at,
		Round:          RoundInfo{Code: "NAM-2025", Title: tricky, PeriodStart: at, DueAt: at.UTC()},
		CatalogVersion: 42,
		Plan:           PlanInfo{Code: "KH", TaskGroups: []catalog.TaskGroup{{Code: "A", Title: "<b>"}}},
		Report:         catalog.Report{Title: tricky},
		Units:          []UnitInfo{{Code: "SO1", Name: tricky, Short: "", Kind: "agency"}},
		Indicators:     []IndicatorInfo{{Indicator: catalog.Indicator{Code: "TQ01", ChangeWarning: f(0.5)}}},
		Completeness: Completeness{Expected: 3, Submitted: 2, OnTime: 1, Late: 1, Missing: 1, Accepted: 1, Included: 2,
			Units: []UnitStatus{{Unit: "SO1", Status: "accepted", SubmittedAt: &at, FirstSubmittedAt: &at, Included: true, Reviewed: true, Revision: 3},
				{Unit: "SO2", Status: "submitted", Revision: 1}, {Unit: "SO3", Status: "not_started"}}},
		Cells: []Cell{
			{Indicator: "TQ01", Disaggregation: submission.Disaggregation{"SEX": "F", "AGE": "<6", "Ä": "x"}, Key: "TQ01|AGE=<6|SEX=F",
				Total: &submission.Value{Number: f(1e21)}, Units: map[string]submission.Value{
					"b": {Number: f(123.456)}, "a": {Number: f(1e-7)}, "A": {Number: f(-0.0)}, "ä": {Number: f(5e-324)},
					"c": {Number: f(1e20)}, "d": {Number: f(0.000001)}, "e": {Number: f(-1.5e-9)}, "f": {Number: f(1.7976931348623157e308)},
					"g": {Num: f(990), Den: f(1000)}, "h": {Text: str(tricky)}, "i": {Bool: &yes}, "j": {Bool: &no}, "k": {},
					"l": {Number: f(1), Num: f(2), Den: f(3), Text: str(""), Bool: &yes}, tricky: {Number: f(7)},
					"m": {Number: f(-3)}, "n": {Number: f(1 << 53)}, "o": {Number: f(1<<53 + 2)}, "p": {Number: f(-123456789012)},
					"q": {Num: f(0.5), Den: f(1e300)}}},
			{Indicator: "TQ02", Key: "TQ02", Units: map[string]submission.Value{}},
		},
		Narratives: []Narrative{{Section: "KQ", Unit: "SO1", UnitName: tricky, Text: tricky}},
		Provenance: []Provenance{{Unit: "SO1", Revision: 3}},
		Comparison: &Comparison{Round: "NAM-2024", Title: tricky, Year: 2024, Units: 2, Outside: []string{tricky},
			Figures: []Change{{Indicator: "TQ01", Previous: &submission.Value{Number: f(7)}}}},
	}
	empty := Snapshot{}
	emptySlices := Snapshot{Units: []UnitInfo{}, Indicators: []IndicatorInfo{}, Cells: []Cell{}, Narratives: []Narrative{},
		Provenance: []Provenance{}, Completeness: Completeness{Units: []UnitStatus{}}}
	for name, s := range map[string]Snapshot{"full": full, "empty": empty, "empty slices": emptySlices} {
		if got, want := s.ContentHash(), jsonHash(t, s); got != want {
			t.Errorf("%s: contentHash = %s, json.Marshal gives %s", name, got, want)
		}
	}
	changed := full
	changed.Cells = append([]Cell{}, full.Cells...)
	changed.Cells[1].Units = map[string]submission.Value{"a": {Number: f(1)}}
	if changed.ContentHash() == full.ContentHash() {
		t.Error("a changed value left the hash unchanged")
	}
}

// A national round's snapshot is hashed on every consolidation.
func BenchmarkContentHash(b *testing.B) {
	s := demoSnapshot(b)
	b.ReportAllocs()
	for b.Loop() {
		s.ContentHash()
	}
}

// demoSnapshot decodes the demo season's snapshot (testdata; the package
// consolidatetest gives it to other packages, which this one cannot
// import).
func demoSnapshot(tb testing.TB) Snapshot {
	tb.Helper()
	raw, err := os.ReadFile("testdata/demo-snapshot.json")
	if err != nil {
		tb.Fatal(err)
	}
	var s Snapshot
	if err := json.Unmarshal(raw, &s); err != nil {
		tb.Fatal(err)
	}
	return s
}
