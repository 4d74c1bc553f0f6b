package synth

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"baocao/internal/access"
	"baocao/internal/auth"
	"baocao/internal/domain"
	"baocao/internal/intake"
	"baocao/internal/pgtest"
	"baocao/internal/postgres"
	"baocao/internal/submission"
	"baocao/internal/testkit"
)

// Install at communes size: the catalog is current, the round is open with
// every unit of Each expected and a deadline ahead, every token signs its
// own unit's account in, the shared password works, and a district and a
// commune can save and submit their generated content through intake.
func TestInstall_Communes(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	c := scaled(t, Communes, 1)
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	in, err := Install(ctx, pool, c, Year, now)
	if err != nil {
		t.Fatal(err)
	}

	if _, err := Install(ctx, pool, c, Year, now); err == nil {
		t.Error("a second Install into the same database succeeded")
	}
	v, err := postgres.CurrentCatalog(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	if v.ID != in.CatalogID || v.Hash != c.Hash() {
		t.Errorf("current catalog %d %s, want %d %s", v.ID, v.Hash, in.CatalogID, c.Hash())
	}
	r, err := postgres.GetRound(ctx, pool, in.Round)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != "open" || !r.DueAt.After(now) || r.CatalogVersionID != in.CatalogID || r.Code != "NAM-2025" {
		t.Errorf("round %s: status %s, due %v (now %v), catalog %d", r.Code, r.Status, r.DueAt, now, r.CatalogVersionID)
	}
	var order []string
	contents := map[string]Unit{}
	if err := Each(c, Year, 7, func(u Unit) error {
		order = append(order, u.Code)
		if u.Code == "RACHGIA" || u.Code == "ANGIANG.001" {
			contents[u.Code] = u
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(in.Units, order) || len(order) != Communes.Units-1 {
		t.Errorf("installed %d units, Each gives %d: not the same list", len(in.Units), len(order))
	}
	units, err := postgres.ListRoundUnits(ctx, pool, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var expected []string
	for _, ru := range units {
		expected = append(expected, ru.UnitCode)
	}
	if !slices.Equal(expected, slices.Sorted(slices.Values(order))) {
		t.Errorf("the round expects %d units, not the %d of Each", len(expected), len(order))
	}

	svc := auth.New(pool, auth.Settings{})
	users := map[string]access.User{}
	seen := map[string]bool{}
	for _, unit := range in.Units {
		token := in.Tokens[unit]
		if token == "" || seen[token] {
			t.Fatalf("%s: token missing or shared", unit)
		}
		seen[token] = true
		u, err := svc.Authenticate(ctx, token)
		if err != nil {
			t.Fatalf("%s: token does not sign in: %v", unit, err)
		}
		if u.Role != access.RoleAgency || u.Unit != unit || !access.Allow(u, access.WriteSubmission, unit) || access.Allow(u, access.WriteSubmission, "GDDT") && unit != "GDDT" {
			t.Errorf("%s: token signs in %+v", unit, u)
		}
		users[unit] = u
	}
	staff, err := svc.Authenticate(ctx, in.StaffToken)
	if err != nil || staff.Role != access.RoleStaff || staff.Username != in.Staff || !access.Allow(staff, access.ReadProgress, "") {
		t.Errorf("staff token signs in %+v, %v", staff, err)
	}
	if _, err := svc.Login(ctx, "angiang.001", in.Password, "127.0.0.1"); err != nil {
		t.Errorf("sign-in with the shared password: %v", err)
	}
	if _, err := svc.Login(ctx, "angiang.001", in.Password+"x", "127.0.0.1"); !errors.Is(err, auth.ErrBadCredentials) {
		t.Errorf("sign-in with a wrong password: %v", err)
	}
	created, err := postgres.ListAudit(ctx, pool, domain.AuditFilter{Action: "user_created", Limit: 1000})
	if err != nil || len(created) != len(in.Units)+1 {
		t.Errorf("%d user_created audit entries, want %d (%v)", len(created), len(in.Units)+1, err)
	}

	desk := intake.New(pool, testkit.Inserter(t, pool))
	for code, u := range contents {
		first := 0
		if _, err := desk.Save(ctx, users[code], in.Round, code, intake.Save{Revision: &first, Change: changeOf(u.Content), Source: "api"}); err != nil {
			t.Fatalf("%s: save: %v", code, err)
		}
		view, err := desk.Submit(ctx, users[code], in.Round, code, "127.0.0.1")
		if err != nil {
			t.Fatalf("%s: submit: %v", code, err)
		}
		if view.Sub.Status != submission.StatusSubmitted || view.Standing() != submission.StandingOnTime {
			t.Errorf("%s: %s, on time %v", code, view.Sub.Status, view.Standing())
		}
	}
}

func TestAhead(t *testing.T) {
	vn := time.FixedZone("ICT", 7*3600)
	due := time.Date(2025, 11, 10, 0, 0, 0, 0, vn)
	if got := ahead(due, time.Date(2025, 10, 1, 9, 0, 0, 0, vn)); !got.Equal(due) {
		t.Errorf("deadline still ahead moved to %v", got)
	}
	got := ahead(due, time.Date(2026, 11, 28, 9, 0, 0, 0, vn))
	if want := time.Date(2026, 12, 12, 0, 0, 0, 0, vn); !got.Equal(want) {
		t.Errorf("past deadline moved to %v, want %v", got, want)
	}
}
