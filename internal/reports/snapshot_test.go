package reports

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"baocao/internal/access"
	"baocao/internal/consolidate"
	"baocao/internal/domain"
	"baocao/internal/postgres"
	"baocao/internal/submission"
)

// A snapshot is stored as what was consolidated (totals, completeness,
// provenance), not a copy of the units' figures; read back, it has them
// attached from the revisions it counted, exactly as they were when it
// was made, however the submissions changed after.
func TestSnapshot_StoredHeadReadsBackAsMade(t *testing.T) {
	ctx := context.Background()
	pool := seeded(t)
	s := newService(t, pool, nil)
	s.Now = func() time.Time { return time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC) }
	snap, r, err := s.Consolidate(ctx, "NAM-2026", false)
	if err != nil {
		t.Fatal(err)
	}
	if snap.HashVersion != consolidate.HashHeads || snap.HasUnits() || len(snap.Provenance) < 20 {
		t.Fatalf("consolidated: version %d, units attached %v, %d units counted", snap.HashVersion, snap.HasUnits(), len(snap.Provenance))
	}
	row, isNew, err := postgres.InsertSnapshot(ctx, pool, r.ID, snap)
	if err != nil || !isNew {
		t.Fatalf("store: %v, new %v", err, isNew)
	}
	if err := postgres.AttachUnits(ctx, pool, r.ID, snap); err != nil {
		t.Fatal(err)
	}
	made, err := json.Marshal(snap)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Narratives) < 50 {
		t.Fatalf("%d narratives attached", len(snap.Narratives))
	}
	// What is stored is the head: no unit's figure, no narrative.
	var stored []byte
	if err := pool.QueryRow(ctx, "SELECT content::text FROM snapshots WHERE id = $1", row.ID).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(stored, []byte(snap.Narratives[0].Text)) || len(stored) > len(made)/2 {
		t.Fatalf("stored %d bytes of %d, narratives included: %v", len(stored), len(made), bytes.Contains(stored, []byte(snap.Narratives[0].Text)))
	}

	// Every counted unit's submission changes after.
	subs, err := postgres.ListSubmissions(ctx, pool, access.Scope{}, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	changed := 0
	for _, sub := range subs {
		if sub.Status != submission.StatusAccepted {
			continue
		}
		old, err := postgres.Content(ctx, pool, sub.ID, sub.Revision)
		if err != nil {
			t.Fatal(err)
		}
		next := old.Clone()
		for k, v := range next.Values {
			if v.Number != nil {
				n := *v.Number + 1
				next.Values[k] = submission.Value{Number: &n}
			}
		}
		for k := range next.Narratives {
			next.Narratives[k] += " (sửa sau)"
		}
		if err := postgres.AppendRevision(ctx, pool, domain.Revision{SubmissionID: sub.ID, Number: sub.Revision + 1,
			Author: "test", Source: "api", Content: next, Changes: submission.Diff(old, next)}); err != nil {
			t.Fatal(err)
		}
		if _, err := pool.Exec(ctx, "UPDATE submissions SET revision = revision + 1 WHERE id = $1", sub.ID); err != nil {
			t.Fatal(err)
		}
		changed++
	}
	if changed < 20 {
		t.Fatalf("%d submissions changed", changed)
	}
	now, _, err := s.Consolidate(ctx, "NAM-2026", false)
	if err != nil || now.Hash == snap.Hash {
		t.Fatalf("consolidated after the changes: %v, same hash %v", err, now.Hash == snap.Hash)
	}

	for name, read := range map[string]func() (postgres.SnapshotRow, error){
		"latest": func() (postgres.SnapshotRow, error) { return postgres.LatestSnapshot(ctx, pool, r.ID) },
		"by id":  func() (postgres.SnapshotRow, error) { return postgres.SnapshotByID(ctx, pool, row.ID) },
	} {
		got, err := read()
		if err != nil {
			t.Fatal(err)
		}
		if !got.Snapshot.HashHolds() {
			t.Errorf("%s: the hash does not hold", name)
		}
		again, err := json.Marshal(got.Snapshot)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, made) {
			t.Errorf("%s: read back after the submissions changed, the snapshot differs from the one made (%d bytes, %d)", name, len(again), len(made))
		}
	}
	head, err := postgres.SnapshotHeadByID(ctx, pool, row.ID)
	if err != nil || head.Snapshot.HasUnits() || !head.Snapshot.HashHolds() {
		t.Fatalf("head: %v, units %v", err, head.Snapshot.HasUnits())
	}
}

// A service keeps the snapshot layouts it built, by catalog version and
// indicators: consolidating rounds of two catalogs one after the other
// gives what a fresh service gives each. An unknown round is not found.
func TestConsolidate_LayoutsByCatalogVersion(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	at := func(s *Service) *Service {
		s.Now = func() time.Time { return time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC) }
		return s
	}
	shared := at(newService(t, pool, nil))
	for _, round := range []string{"NAM-2024", "NAM-2026", "NAM-2024"} {
		got, _, err := shared.Consolidate(ctx, round, true)
		if err != nil {
			t.Fatal(err)
		}
		want, _, err := at(newService(t, pool, nil)).Consolidate(ctx, round, true)
		if err != nil {
			t.Fatal(err)
		}
		if got.Hash != want.Hash || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: a service that consolidated other rounds gives %s, a fresh one %s", round, got.Hash, want.Hash)
		}
	}
	if _, _, err := shared.Consolidate(ctx, "NO-SUCH-ROUND", false); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("unknown round: %v", err)
	}
}
