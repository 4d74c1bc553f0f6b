// Package demo fills a development database with a realistic annual
// round: the 2025 round of the seed catalog, with figures cut from the
// province's published numbers, Vietnamese narratives written for each
// unit, and units at every stage (accepted, returned, submitted on time
// and late, drafts, not started), each with its history of revisions,
// events and audit entries dated in October and November 2025.
package demo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/intake"
	"baocao/internal/postgres"
	"baocao/internal/submission"
)

// RoundCode is the demo round.
const RoundCode = "NAM-2025"

// year is the demo round's reporting year.
const year = 2025

// Seed opens the demo round and fills it, once: if the round NAM-2025
// already exists it does nothing. Everything happens in one transaction,
// so a failure leaves nothing behind. The demo accounts (staff and one per
// unit) must exist.
func Seed(ctx context.Context, pool *pgxpool.Pool, logger *slog.Logger) error {
	var counts map[string]int
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if err := lockSeed(ctx, tx); err != nil {
			return err
		}
		if _, err := postgres.GetRound(ctx, tx, RoundCode); err == nil {
			return nil
		} else if !errors.Is(err, postgres.ErrNotFound) {
			return err
		}
		v, err := postgres.CurrentCatalog(ctx, tx)
		if err != nil {
			return err
		}
		counts, err = seed(ctx, tx, v)
		return err
	})
	if err != nil {
		return fmt.Errorf("demo round %s: %w", RoundCode, err)
	}
	if counts != nil {
		logger.Info("demo round opened and filled", "round", RoundCode,
			intake.StatusAccepted, counts[intake.StatusAccepted], intake.StatusReturned, counts[intake.StatusReturned],
			intake.StatusSubmitted, counts[intake.StatusSubmitted], "late", counts["late"],
			intake.StatusDraft, counts[intake.StatusDraft], intake.StatusNotStarted, counts[intake.StatusNotStarted])
	}
	return nil
}

// round is the demo round as it is being played.
type round struct {
	postgres.Round
	cat   *catalog.Catalog
	gen   *generator
	loc   *time.Location
	staff access.User
	shift time.Duration
}

// Now is the demo's clock.
var Now = time.Now

// Shift keeps the demo alive: the 2025 round's real deadline (10/11/2025)
// locks it twenty days later, and a locked round cannot show reminders,
// drafts to submit or reviews. When that moment has passed, the whole
// season moves forward by whole weeks (weekdays stay weekdays) so that the
// deadline falls six to twelve days before now: late submissions have
// happened, and the round is still open. The period stays 2025.
func Shift(due, now time.Time) time.Duration {
	target := now.Add(-6 * 24 * time.Hour)
	if !target.After(due) {
		return 0
	}
	week := 7 * 24 * time.Hour
	return target.Sub(due) / week * week
}

// seed opens the round from the catalog's annual schedule and plays each
// expected unit's plan; it returns the number of submissions per status
// (and "late" for those submitted after the deadline).
func seed(ctx context.Context, tx pgx.Tx, v *postgres.CatalogVersion) (map[string]int, error) {
	c := v.Catalog
	loc, err := time.LoadLocation(c.Schedules.Timezone)
	if err != nil {
		loc = time.FixedZone(c.Schedules.Timezone, 7*60*60) // Vietnam has no daylight saving
	}
	due, err := time.ParseInLocation("2006-01-02 15:04", fmt.Sprintf("%d-%s %s", year, c.Schedules.Annual.Due, c.Schedules.Annual.DueTime), loc)
	if err != nil {
		return nil, fmt.Errorf("annual schedule due %q %q: %w", c.Schedules.Annual.Due, c.Schedules.Annual.DueTime, err)
	}
	shift := Shift(due, Now())
	due = due.Add(shift)
	start, end := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	expected, _ := c.Reporters(catalog.RoundAnnual, start, end)
	var units []postgres.RoundUnit
	for _, e := range expected {
		units = append(units, postgres.RoundUnit{UnitCode: e.Unit.Code, FormCode: e.Form.Code})
	}
	r := &round{cat: c, gen: newGenerator(c), loc: loc, shift: shift}
	r.Round, err = postgres.CreateRound(ctx, tx, postgres.Round{Code: RoundCode, Kind: catalog.RoundAnnual,
		Title: strings.ReplaceAll(c.Schedules.Annual.Title, "{year}", fmt.Sprint(year)), PeriodStart: start, PeriodEnd: end,
		DueAt: due, CatalogVersionID: v.ID}, units)
	if err != nil {
		return nil, err
	}
	if opens, err := time.ParseInLocation("2006-01-02", fmt.Sprintf("%d-%s", year, c.Schedules.Annual.Opens), loc); err == nil {
		r.CreatedAt = opens.Add(8 * time.Hour).Add(shift)
		if err := setRoundOpened(ctx, tx, r.ID, r.CreatedAt); err != nil {
			return nil, err
		}
	}
	if r.staff, _, err = postgres.UserByUsername(ctx, tx, "staff"); err != nil {
		return nil, fmt.Errorf("demo account staff: %w", err)
	}
	subs, err := postgres.ListSubmissions(ctx, tx, access.Scope{}, r.ID)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, e := range expected {
		sub, ok := find(subs, e.Unit.Code)
		if !ok {
			return nil, fmt.Errorf("submission of %s was not created", e.Unit.Code)
		}
		if err := r.play(ctx, tx, e, &sub); err != nil {
			return nil, err
		}
		counts[sub.Status]++
		if sub.OnTime != nil && !*sub.OnTime {
			counts["late"]++
		}
	}
	return counts, nil
}

func find(subs []postgres.Submission, unit string) (postgres.Submission, bool) {
	for _, s := range subs {
		if s.UnitCode == unit {
			return s, true
		}
	}
	return postgres.Submission{}, false
}

// play acts out one unit's plan: its revisions, submission and review,
// each with its event and audit entry, then stores where it ended.
func (r *round) play(ctx context.Context, tx pgx.Tx, e catalog.Expected, sub *postgres.Submission) error {
	p := planFor(e.Unit.Code)
	if p.Outcome == outcomeNotStarted {
		sub.UpdatedAt = r.CreatedAt // untouched since the round opened
		return updateSubmission(ctx, tx, *sub)
	}
	spec := submission.BuildForm(r.cat, e.Form)
	h, err := r.gen.history(e.Unit, spec, p)
	if err != nil {
		return err
	}
	author, _, err := postgres.UserByUsername(ctx, tx, strings.ToLower(e.Unit.Code))
	if err != nil {
		return fmt.Errorf("demo account of %s: %w", e.Unit.Code, err)
	}
	a := &actor{round: r, tx: tx, sub: sub, user: author, content: submission.NewContent(),
		clock: clock{r: unitRand(e.Unit.Code + "/clock"), loc: r.loc, shift: r.shift}}
	day := map[outcome][2]int{ // first revision: October day + up to n days
		outcomeLate: {36, 4}, outcomeReady: {27, 10}, outcomePartial: {30, 8},
	}[p.Outcome]
	if day == [2]int{} {
		day = [2]int{13, 15}
	}
	at := a.clock.on(time.October, day[0]+a.clock.r.IntN(day[1]))
	for i, content := range h.Revisions {
		if i > 0 {
			at = a.clock.after(at, 40*time.Minute, 2*24*time.Hour)
		}
		if err := a.save(ctx, content, at, i == 0); err != nil {
			return err
		}
	}
	switch p.Outcome {
	case outcomeReady, outcomePartial:
		return a.store(ctx, at)
	case outcomeLate:
		at = a.clock.after(maxTime(at, r.DueAt), 8*time.Hour, 5*24*time.Hour)
	default:
		at = a.clock.after(at, 10*time.Minute, 20*time.Hour)
	}
	if err := a.submit(ctx, at); err != nil {
		return err
	}
	switch p.Outcome {
	case outcomeAccepted:
		at = a.clock.after(at, 20*time.Hour, 5*24*time.Hour)
		if err := a.review(ctx, intake.StatusAccepted, "", at); err != nil {
			return err
		}
	case outcomeReturned:
		at = a.clock.after(at, 20*time.Hour, 3*24*time.Hour)
		if err := a.review(ctx, intake.StatusReturned, h.Comment, at); err != nil {
			return err
		}
		at = a.clock.after(at, 2*time.Hour, 2*24*time.Hour)
		if err := a.save(ctx, *h.Correction, at, false); err != nil {
			return err
		}
	}
	return a.store(ctx, at)
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
