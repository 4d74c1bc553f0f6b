package intake

import (
	"context"
	"errors"
	"testing"

	"baocao/internal/access"
	"baocao/internal/domain"
)

func TestService_Rounds_Scope(t *testing.T) {
	ctx := context.Background()
	m := newAcrossTheMerger(t)
	staff, err := m.s.Rounds(ctx, m.users["staff"])
	if err != nil {
		t.Fatal(err)
	}
	if len(staff) != 2 || staff[0].Round.Code != "NAM-2025" || staff[1].Round.Code != "NAM-2024" {
		t.Fatalf("staff see %d rounds, want NAM-2025 then NAM-2024", len(staff))
	}
	for _, r := range staff {
		if r.Catalog == nil || len(r.Submissions) < 2 {
			t.Fatalf("staff see %s with %d submissions, catalog %v", r.Round.Code, len(r.Submissions), r.Catalog != nil)
		}
	}
	// An agency sees its own unit's submission, in the rounds expecting it.
	so1, err := m.s.Rounds(ctx, m.users["so1"])
	if err != nil {
		t.Fatal(err)
	}
	if len(so1) == 0 {
		t.Fatal("SO1 sees no round")
	}
	for _, r := range so1 {
		if len(r.Submissions) != 1 || r.Submissions[0].UnitCode != "SO1" {
			t.Fatalf("SO1 sees in %s: %+v", r.Round.Code, r.Submissions)
		}
	}
	if _, err := m.s.Rounds(ctx, access.User{Role: access.RoleStaff}); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("a disabled account: %v, want forbidden", err)
	}
}
