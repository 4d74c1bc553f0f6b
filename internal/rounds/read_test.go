package rounds

import (
	"context"
	"errors"
	"testing"
	"time"

	"baocao/internal/access"
	"baocao/internal/domain"
	"baocao/internal/postgres"
)

func TestService_ListGet_Scope(t *testing.T) {
	ctx := context.Background()
	pool, s, clock := setup(t)
	*clock = time.Date(2025, 1, 15, 10, 0, 0, 0, vn)
	staff, _, _ := postgres.UserByUsername(ctx, pool, "staff")
	r, err := s.OpenAdhoc(ctx, staff, AdhocRequest{Title: "Báo cáo nhanh", DueAt: clock.Add(48 * time.Hour),
		Units: []string{"SO2"}, Indicators: []string{"BV01"}}, "")
	if err != nil {
		t.Fatal(err)
	}
	so2 := access.User{Role: access.RoleAgency, Unit: "SO2", Active: true}
	huyen := access.User{Role: access.RoleAgency, Unit: "HUYEN1", Active: true}
	tests := []struct {
		name  string
		u     access.User
		sees  bool
		error error
	}{
		{"staff", staff, true, nil},
		{"the unit expected", so2, true, nil},
		{"another unit", huyen, false, domain.ErrNotFound},
		{"a disabled account", access.User{Role: access.RoleStaff}, false, domain.ErrForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := s.List(ctx, tt.u)
			if tt.error == domain.ErrForbidden {
				if !errors.Is(err, domain.ErrForbidden) {
					t.Fatalf("List: err = %v, want forbidden", err)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if got := len(list) == 1 && list[0].Code == r.Code; got != tt.sees {
				t.Fatalf("List = %+v, sees the round: want %v", list, tt.sees)
			}
			got, err := s.Get(ctx, tt.u, r.Code)
			if tt.error != nil {
				if !errors.Is(err, tt.error) {
					t.Fatalf("Get: err = %v, want %v", err, tt.error)
				}
				return
			}
			if err != nil || got.ID != r.ID {
				t.Fatalf("Get = %+v, %v", got, err)
			}
		})
	}
	if _, err := s.Get(ctx, staff, "NO-SUCH-ROUND"); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("Get of an unknown round: err = %v, want not found", err)
	}
}

func TestService_Notices_Scope(t *testing.T) {
	ctx := context.Background()
	pool, s, clock := setup(t)
	*clock = time.Date(2025, 1, 15, 10, 0, 0, 0, vn)
	staff, _, _ := postgres.UserByUsername(ctx, pool, "staff")
	if _, err := s.OpenAdhoc(ctx, staff, AdhocRequest{Title: "Báo cáo nhanh", DueAt: clock.Add(48 * time.Hour),
		Units: []string{"SO1", "SO2"}, Indicators: []string{"BV01"}}, ""); err != nil {
		t.Fatal(err)
	}
	all, err := s.Notices(ctx, staff, domain.NotificationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	units := map[string]bool{}
	for _, n := range all {
		if n.UnitCode != nil {
			units[*n.UnitCode] = true
		}
	}
	if !units["SO1"] || !units["SO2"] {
		t.Fatalf("staff see notices about %v, want SO1 and SO2", units)
	}
	// An agency asking for another unit's notices still gets only its own.
	so2 := access.User{Role: access.RoleAgency, Unit: "SO2", Active: true}
	mine, err := s.Notices(ctx, so2, domain.NotificationFilter{Unit: "SO1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(mine) == 0 {
		t.Fatal("SO2 sees none of its notices")
	}
	for _, n := range mine {
		if n.UnitCode == nil || *n.UnitCode != "SO2" || n.Audience != "unit" {
			t.Fatalf("SO2 sees notice %+v", n)
		}
	}
	if _, err := s.Notices(ctx, access.User{Role: access.RoleAgency, Unit: "SO2"}, domain.NotificationFilter{}); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("a disabled account: err = %v, want forbidden", err)
	}
}
