package reports

import (
	"context"
	"strings"
	"testing"
	"time"

	"baocao/internal/consolidate"
	"baocao/internal/postgres"
)

// A round consolidated before hash versions kept its snapshot with a
// version 1 hash. Consolidated again with the same data, it finds that
// snapshot (no new snapshot, no new number), and the reports made from it
// verify by version 1. New data gets a snapshot of the current version,
// which verifies too; a stored snapshot changed behind the program's back
// does not.
func TestVerifyStored_AcrossHashVersions(t *testing.T) {
	ctx := context.Background()
	pool := seeded(t)
	s := newService(t, pool, &recorder{})
	s.Now = func() time.Time { return time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC) }
	round := mustRound(t, s)

	// What the program stored before versions: the whole snapshot, the
	// units' figures in it, with the version 1 hash.
	before, _, err := s.Consolidate(ctx, "NAM-2026", false)
	if err != nil {
		t.Fatal(err)
	}
	if before.HashVersion != consolidate.HashVersion || consolidate.HashVersion == consolidate.HashDocument {
		t.Fatalf("a new snapshot has hash version %d", before.HashVersion)
	}
	if err := postgres.AttachUnits(ctx, pool, round.ID, before); err != nil || len(before.Narratives) == 0 {
		t.Fatalf("attach the units' figures: %v, %d narratives", err, len(before.Narratives))
	}
	v1, err := before.HashOf(consolidate.HashDocument)
	if err != nil {
		t.Fatal(err)
	}
	before.Hash, before.HashVersion = v1, consolidate.HashDocument
	if _, _, err := postgres.InsertSnapshot(ctx, pool, round.ID, before); err != nil {
		t.Fatal(err)
	}

	old, err := s.Generate(ctx, "NAM-2026", false)
	if err != nil {
		t.Fatal(err)
	}
	if old.Hash != v1 || old.New || old.Number != 1 || len(old.Reports) != 3 || count(t, s, "snapshots") != 1 {
		t.Fatalf("generated from unchanged data: %+v, %d snapshots", old, count(t, s, "snapshots"))
	}
	for _, id := range old.Reports {
		checkStored(t, s, id, v1, consolidate.HashDocument, true)
	}

	// New data: a snapshot of the current version.
	if _, err := pool.Exec(ctx, "UPDATE submissions SET status = 'accepted', reviewed_at = now() WHERE unit_code = 'AG.MTTQ'"); err != nil {
		t.Fatal(err)
	}
	cur, err := s.Generate(ctx, "NAM-2026", false)
	if err != nil || !cur.New || cur.Number != 2 || cur.Hash == v1 {
		t.Fatalf("generated from new data: %+v, %v", cur, err)
	}
	row, err := postgres.LatestSnapshot(ctx, pool, round.ID)
	if err != nil || row.ID != cur.SnapshotID || row.Snapshot.HashVersion != consolidate.HashVersion {
		t.Fatalf("the new snapshot: %+v, %v", row, err)
	}
	for _, id := range cur.Reports {
		checkStored(t, s, id, cur.Hash, consolidate.HashVersion, true)
	}
	zip, err := postgres.GetReport(ctx, pool, cur.Reports[2])
	if err != nil {
		t.Fatal(err)
	}
	if _, man := verify(zip.Filename, zip.Data); man == nil || man.SnapshotHash != cur.Hash || man.SnapshotHashVersion != consolidate.HashVersion {
		t.Fatalf("the package's manifest: %+v", man)
	}

	// The old snapshot's figures changed in the database.
	if _, err := pool.Exec(ctx, "ALTER TABLE snapshots DISABLE TRIGGER snapshots_immutable"); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, "UPDATE snapshots SET content = jsonb_set(content, '{completeness,expected}', '999') WHERE id = $1", old.SnapshotID); err != nil {
		t.Fatal(err)
	}
	checkStored(t, s, old.Reports[0], v1, consolidate.HashDocument, false)
	checkStored(t, s, cur.Reports[0], cur.Hash, consolidate.HashVersion, true)
}

// checkStored verifies a stored report and fails t unless its snapshot
// check is as wanted, and adds a problem exactly when the snapshot fails.
func checkStored(t *testing.T, s *Service, reportID int64, hash string, version int, ok bool) {
	t.Helper()
	v, err := s.VerifyStored(context.Background(), reportID)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := postgres.GetReport(context.Background(), s.pool, reportID)
	if err != nil {
		t.Fatal(err)
	}
	file := Verify(rep.Filename, rep.Data)
	if c := v.Snapshot; c == nil || c.Hash != hash || c.HashVersion != version || c.OK != ok {
		t.Fatalf("report %d (%s): snapshot check %+v, want hash %s version %d ok %v", reportID, rep.Format, v.Snapshot, hash, version, ok)
	}
	added := len(v.Problems) - len(file.Problems)
	if want := map[bool]int{true: 0, false: 1}[ok]; added != want || (v.OK && !ok) {
		t.Fatalf("report %d (%s): problems %q beyond the file's %q", reportID, rep.Format, v.Problems, file.Problems)
	}
	if !ok && !strings.Contains(strings.Join(v.Problems, "\n"), hash) {
		t.Fatalf("report %d: no problem names the stored hash: %q", reportID, v.Problems)
	}
}
