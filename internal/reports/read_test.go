package reports

import (
	"context"
	"errors"
	"testing"
	"time"

	"baocao/internal/domain"
	"baocao/internal/postgres"
	"baocao/internal/render"
)

func TestService_Register(t *testing.T) {
	ctx := context.Background()
	pool := seeded(t)
	s := newService(t, pool, render.Files{})
	made := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return made }
	res, err := s.Generate(ctx, "NAM-2026", false)
	if err != nil {
		t.Fatal(err)
	}
	s.Signing = testSigning(t)
	issued, err := s.Issue(ctx, leader(t, pool), "NAM-2026", res.Number, "")
	if err != nil {
		t.Fatal(err)
	}
	staff, _, err := postgres.UserByUsername(ctx, pool, "staff")
	if err != nil {
		t.Fatal(err)
	}
	reg, err := s.Register(ctx, staff, "NAM-2026")
	if err != nil {
		t.Fatal(err)
	}
	if reg.Round.Code != "NAM-2026" || len(reg.Files) != 6 {
		t.Fatalf("register: round %s, %d files, want NAM-2026 and 3 draft + 3 issued", reg.Round.Code, len(reg.Files))
	}
	for _, f := range reg.Files {
		if len(f.Data) > 0 {
			t.Fatalf("the register carries file %d's data", f.ID)
		}
	}
	// The issued package alone is checked, and it passes.
	zip := issued[2]
	if v, ok := reg.Verdicts[zip.ID]; len(reg.Verdicts) != 1 || !ok || !v.OK {
		t.Fatalf("verdicts = %+v, want the issued package's, passing", reg.Verdicts)
	}
	if len(reg.Snapshots) != 1 || reg.Snapshots[0].ID != issued[0].SnapshotID {
		t.Fatalf("snapshot heads = %+v, want the one the set was made from", reg.Snapshots)
	}
	latest, err := s.Latest(ctx, staff, "NAM-2026")
	if err != nil || latest.Snapshot.Hash != reg.Snapshots[0].Hash || !latest.StoredAt.Equal(reg.Snapshots[0].CreatedAt) {
		t.Fatalf("Latest = %+v, %v; want the head %+v", latest, err, reg.Snapshots[0])
	}
	file, err := s.File(ctx, staff, zip.ID)
	if err != nil || file.SHA256 != zip.SHA256 || len(file.Data) == 0 {
		t.Fatalf("File = %s, %d bytes, %v", file.SHA256, len(file.Data), err)
	}
	if _, err := s.Register(ctx, staff, "NO-SUCH-ROUND"); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("an unknown round: %v, want not found", err)
	}

	// An agency reads none of it.
	agency, _, err := postgres.UserByUsername(ctx, pool, "xa.hondat")
	if err != nil {
		t.Fatal(err)
	}
	refusals := map[string]error{}
	_, refusals["Register"] = s.Register(ctx, agency, "NAM-2026")
	_, refusals["Latest"] = s.Latest(ctx, agency, "NAM-2026")
	_, _, refusals["Files"] = s.Files(ctx, agency, "NAM-2026")
	_, refusals["File"] = s.File(ctx, agency, zip.ID)
	for name, err := range refusals {
		if !errors.Is(err, domain.ErrForbidden) {
			t.Errorf("%s for an agency: %v, want forbidden", name, err)
		}
	}
}
