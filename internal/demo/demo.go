// Package demo fills a development database with the reporting seasons as
// they really ran, on real dates: Kiên Giang's 2024 round on its own
// catalog (closed, its report issued in November 2024 in Kiên Giang's
// name), the rounds of the merged An Giang from 2025 (closed, reports
// issued, compared with the year before through the succession links),
// and this year's round, open and partly filled in: opened by the
// calendar while its window runs, opened late by staff with the deadline
// a week ahead once the window has passed. Figures are cut from the
// province's published numbers, narratives written for each unit, and
// every unit has its history of revisions, events and audit entries.
package demo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/postgres"
	catalogs "baocao/templates/catalog"
)

// Now is the demo's clock.
var Now = time.Now

// firstYear is the first season: the plan's first annual report, on the
// Kiên Giang catalog.
const firstYear = 2024

// openYear is the year of the season open at now: this year's once its
// round opens, else last year's.
func openYear(c *catalog.Catalog, now time.Time) int {
	y := c.LocalDay(now).Year()
	if now.Before(c.AnnualWindow(y).Opens) {
		y--
	}
	return max(y, firstYear)
}

var current struct {
	once sync.Once
	cat  *catalog.Catalog
	err  error
}

// CurrentRound is the code of the demo's open round at Now.
func CurrentRound() string {
	current.once.Do(func() { current.cat, current.err = catalogs.Load(catalogs.AnGiang) })
	if current.err != nil {
		panic(current.err) // the shipped catalog is checked by every test
	}
	return roundCode(current.cat, openYear(current.cat, Now()))
}

// roundCode is the code the schedule gives year's annual round.
func roundCode(c *catalog.Catalog, year int) string {
	return fmt.Sprintf("%s-%d", c.Schedules.Annual.Code, year)
}

// Seed plays the seasons from 2024 to the open one, once: if the 2024
// round exists it plays nothing. The Kiên Giang catalog must be stored
// (under its name) and the An Giang catalog current, with the demo
// accounts created (Accounts). The rounds are played in one transaction,
// so a failure leaves nothing behind; IssueReports then issues the closed
// rounds' reports.
func Seed(ctx context.Context, pool *pgxpool.Pool, logger *slog.Logger) error {
	var played []*season
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if err := lockSeed(ctx, tx); err != nil {
			return err
		}
		if _, err := postgres.AnnualRoundOf(ctx, tx, firstYear); err == nil {
			return nil
		} else if !errors.Is(err, domain.ErrNotFound) {
			return err
		}
		kg, err := postgres.LatestCatalogNamed(ctx, tx, catalogs.KienGiang)
		if err != nil {
			return fmt.Errorf("the %s catalog: %w", catalogs.KienGiang, err)
		}
		ag, err := postgres.CurrentCatalog(ctx, tx)
		if err != nil {
			return err
		}
		if ag.Catalog.Version() < catalog.FormatTimeline {
			return fmt.Errorf("the current catalog %s is not the An Giang catalog (format 2)", ag.Name)
		}
		staff, _, err := postgres.UserByUsername(ctx, tx, "staff")
		if err != nil {
			return fmt.Errorf("demo account staff: %w", err)
		}
		now := Now()
		last := openYear(ag.Catalog, now)
		var prev *season
		for y := firstYear; y <= last; y++ {
			v := ag
			if y == firstYear {
				v = kg
			}
			s := newSeason(v, y, y == last, now, staff, prev)
			if err := s.play(ctx, tx); err != nil {
				return fmt.Errorf("demo round %s: %w", s.Code, err)
			}
			played, prev = append(played, s), s
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("demo seasons: %w", err)
	}
	for _, s := range played {
		units := 0
		for _, n := range s.counts {
			units += n
		}
		logger.Info("demo round played", "round", s.Code, "units", units, "open", s.open,
			"accepted", s.tally[outcomeAccepted]+s.tally[outcomeLateAccepted], "submitted", s.tally[outcomeOnTime]+s.tally[outcomeLate],
			"returned", s.tally[outcomeReturned], "drafts", s.tally[outcomeReady]+s.tally[outcomePartial],
			"not_started", s.tally[outcomeNotStarted])
	}
	return nil
}

// Accounts are the demo accounts of shared/api.md for catalog c: admin,
// staff at the body consolidating today, lanhdao who issues reports for
// the body issuing them today, and one agency account per
// reporting unit the catalog has ever had, named by its code in lower
// case.
func Accounts(c *catalog.Catalog, now time.Time) []access.User {
	roles, _ := c.RolesOn(c.LocalDay(now))
	leader := "Lãnh đạo cơ quan ban hành báo cáo"
	if u, ok := c.Unit(roles.Issuer.Unit); ok {
		leader = "Lãnh đạo " + u.Name
	}
	users := []access.User{
		{Username: "admin", DisplayName: "Quản trị hệ thống", Role: access.RoleAdmin},
		{Username: "staff", DisplayName: "Cán bộ tổng hợp", Role: access.RoleStaff, Unit: roles.Consolidator},
		// The leader of the issuing body, who issues and signs the report.
		{Username: "lanhdao", DisplayName: leader, Role: access.RoleLeader, Unit: roles.Issuer.Unit},
	}
	for _, u := range c.Units {
		if u.Kind == catalog.KindProvince {
			continue
		}
		users = append(users, access.User{Username: lowerCode(u.Code), DisplayName: u.Name,
			Email: u.Email, Role: access.RoleAgency, Unit: u.Code})
	}
	return users
}
