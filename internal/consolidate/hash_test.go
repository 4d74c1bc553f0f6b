package consolidate

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"os"
	"slices"
	"testing"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// trickySnapshots reach every corner of encoding/json's output a snapshot
// can: escapes, invalid UTF-8, number formats, nil against empty, time
// zones, a comparison.
func trickySnapshots() map[string]Snapshot {
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
	return map[string]Snapshot{"full": full, "empty": {}, "empty slices": {Units: []UnitInfo{}, Indicators: []IndicatorInfo{},
		Cells: []Cell{}, Narratives: []Narrative{}, Provenance: []Provenance{}, Completeness: Completeness{Units: []UnitStatus{}}}}
}

// Version 1 is json.Marshal of the snapshot. These hashes were made by
// the hand-written writer that computed version 1 until version 2 came
// (which was itself held to json.Marshal's bytes on these snapshots):
// json.Marshal still gives them, so every version 1 hash stored still
// holds.
func TestHashOf_Document(t *testing.T) {
	madeBefore := map[string]string{
		"full":         "914714077f6a4b3f2ffd0991858dfdf4674772a4379b10a9c4b874258a54df8a",
		"empty":        "f15a579c8fe0fa30c288228c4c1e9d9c4baa023f01aa6da20713625c77e6c4b1",
		"empty slices": "ad3d9dcf47a1867f79cc99260bc221cf91a8ffe3d0d7f2e665d0d5d1311e81e6",
	}
	for name, s := range trickySnapshots() {
		got, err := s.HashOf(HashDocument)
		if err != nil {
			t.Fatal(err)
		}
		if got != madeBefore[name] {
			t.Errorf("%s: version 1 gives %s, the hash made before %s", name, got, madeBefore[name])
		}
		// Not the time, nor the hash and its version.
		s.Hash, s.HashVersion, s.CreatedAt = "y", 2, time.Now()
		if again, _ := s.HashOf(HashDocument); again != got {
			t.Errorf("%s: the hash, its version or the time changed the hash", name)
		}
	}
}

// Version 2 is, as documented, the SHA-256 of JSON lines written by one
// encoder without HTML escaping: the snapshot without its cells and
// narratives, then each cell, then each narrative.
func TestHashOf_Lines(t *testing.T) {
	snaps := trickySnapshots()
	snaps["demo"] = demoSnapshot(t)
	for name, s := range snaps {
		lines := []any{}
		for _, c := range s.Cells {
			lines = append(lines, c)
		}
		for _, n := range s.Narratives {
			lines = append(lines, n)
		}
		sum := sha256.Sum256(jsonLines(t, s, lines))
		got, err := s.HashOf(HashLines)
		if err != nil {
			t.Fatal(err)
		}
		if want := hex.EncodeToString(sum[:]); got != want {
			t.Errorf("%s: version 2 gives %s, the documented lines %s", name, got, want)
		}
		if v1, _ := s.HashOf(HashDocument); v1 == got {
			t.Errorf("%s: versions 1 and 2 agree", name)
		}
	}
}

// Version 3 is, as documented, version 2's lines without the units'
// values and narratives: the snapshot without its cells and narratives,
// then each cell without its units. A snapshot's head hashes as the
// snapshot does.
func TestHashOf_Heads(t *testing.T) {
	snaps := trickySnapshots()
	snaps["demo"] = demoSnapshot(t)
	for name, s := range snaps {
		lines := []any{}
		for _, c := range s.Cells {
			lines = append(lines, struct {
				Indicator      string                    `json:"indicator"`
				Disaggregation submission.Disaggregation `json:"disaggregation"`
				Key            submission.Key            `json:"key"`
				Total          *submission.Value         `json:"total"`
			}{c.Indicator, c.Disaggregation, c.Key, c.Total})
		}
		sum := sha256.Sum256(jsonLines(t, s, lines))
		got, err := s.HashOf(HashHeads)
		if err != nil {
			t.Fatal(err)
		}
		if want := hex.EncodeToString(sum[:]); got != want {
			t.Errorf("%s: version 3 gives %s, the documented lines %s", name, got, want)
		}
		if v2, _ := s.HashOf(HashLines); v2 == got && len(s.Cells) > 0 {
			t.Errorf("%s: versions 2 and 3 agree", name)
		}
		if h, _ := s.Head().HashOf(HashHeads); h != got {
			t.Errorf("%s: the head hashes %s, the snapshot %s", name, h, got)
		}
	}
}

// jsonLines is what versions 2 and 3 document: s without its hash, time,
// cells and narratives, then lines, each a line of JSON written by one
// encoder without HTML escaping.
func jsonLines(t *testing.T, s Snapshot, lines []any) []byte {
	t.Helper()
	var doc bytes.Buffer
	enc := json.NewEncoder(&doc)
	enc.SetEscapeHTML(false)
	head := s
	head.Hash, head.HashVersion, head.CreatedAt, head.Cells, head.Narratives = "", 0, time.Time{}, nil, nil
	for _, l := range append([]any{head}, lines...) {
		if err := enc.Encode(l); err != nil {
			t.Fatal(err)
		}
	}
	return doc.Bytes()
}

// Any change of content changes the hash, in every version, and nothing
// else does. The units' values and narratives are content up to version
// 2; from version 3 they are the provenance's revisions', which it
// covers.
func TestHashOf_CoversTheContent(t *testing.T) {
	base := demoSnapshot(t)
	one := 1.0
	all := []int{HashDocument, HashLines, HashHeads}
	for name, change := range map[string]struct {
		versions []int
		change   func(s *Snapshot)
	}{
		"a unit's value":    {all[:2], func(s *Snapshot) { s.Cells[5].Units = map[string]submission.Value{"KIENHAI": {Number: &one}} }},
		"a total":           {all, func(s *Snapshot) { s.Cells[7].Total = &submission.Value{Number: &one} }},
		"a narrative":       {all[:2], func(s *Snapshot) { s.Narratives = append([]Narrative{{Section: "X", Text: "y"}}, s.Narratives...) }},
		"a unit's status":   {all, func(s *Snapshot) { s.Completeness.Units = append(s.Completeness.Units, UnitStatus{Unit: "X"}) }},
		"a cell moved":      {all, func(s *Snapshot) { s.Cells = append(s.Cells[1:2:2], append([]Cell{s.Cells[0]}, s.Cells[2:]...)...) }},
		"the round":         {all, func(s *Snapshot) { s.Round.Title += "." }},
		"the comparison":    {all, func(s *Snapshot) { s.Comparison = &Comparison{Round: "NAM-2024"} }},
		"a unit's revision": {all, func(s *Snapshot) { s.Provenance = append(s.Provenance, Provenance{Unit: "X", Revision: 1}) }},
		"a revision taken":  {all, func(s *Snapshot) { s.Provenance = slices.Clone(s.Provenance); s.Provenance[0].Revision++ }},
	} {
		for _, version := range all {
			s := base
			s.Cells = append([]Cell(nil), base.Cells...)
			s.Completeness.Units = append([]UnitStatus(nil), base.Completeness.Units...)
			before, _ := s.HashOf(version)
			change.change(&s)
			after, _ := s.HashOf(version)
			if covered := slices.Contains(change.versions, version); covered && after == before {
				t.Errorf("version %d: %s left the hash unchanged", version, name)
			} else if !covered && after != before {
				t.Errorf("version %d: %s changed the hash", version, name)
			}
		}
	}
}

func TestSetHash(t *testing.T) {
	s := demoSnapshot(t)
	s.SetHash()
	if s.HashVersion != HashVersion || !s.HashHolds() {
		t.Fatalf("after SetHash: version %d, holds %v", s.HashVersion, s.HashHolds())
	}
	if want, _ := s.HashOf(HashVersion); s.Hash != want {
		t.Fatalf("SetHash set %s, HashOf gives %s", s.Hash, want)
	}
	s.CreatedAt = s.CreatedAt.Add(time.Hour)
	if !s.HashHolds() {
		t.Fatal("the time taken changed the hash")
	}
	s.Cells[3].Total = nil
	if s.HashHolds() {
		t.Fatal("the hash holds for changed content")
	}
	if _, err := s.HashOf(4); err == nil {
		t.Fatal("an unknown version gave a hash")
	}
	nan := math.NaN()
	s.Cells[0].Total = &submission.Value{Number: &nan}
	if s.SetHash(); s.Hash != "" || s.HashHolds() {
		t.Fatalf("a snapshot JSON cannot hold got the hash %q", s.Hash)
	}
}

// A national round's snapshot is hashed on every consolidation (the
// current version), an old round's also by the version it was stored with.
func BenchmarkHashOf(b *testing.B) {
	s := demoSnapshot(b)
	for _, version := range []int{HashDocument, HashLines, HashHeads} {
		b.Run(map[int]string{HashDocument: "document", HashLines: "lines", HashHeads: "heads"}[version], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.HashOf(version); err != nil {
					b.Fatal(err)
				}
			}
		})
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
