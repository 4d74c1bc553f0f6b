package postgres_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/pgtest"
	"baocao/internal/postgres"
	"baocao/internal/submission"
)

// twoYears opens the annual rounds of 2024 and 2025 on the minimal
// catalog, with one revision of the first unit in 2024, and returns that
// unit and an account.
func twoYears(t *testing.T, ctx context.Context, pool *pgxpool.Pool) (string, access.User) {
	t.Helper()
	c := loadMinimal(t, nil)
	id, _, err := postgres.SaveCatalog(ctx, pool, "minimal", c)
	if err != nil {
		t.Fatal(err)
	}
	var unit string
	for _, year := range []int{2024, 2025} {
		start, end := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
		expected, _ := c.Reporters(catalog.RoundAnnual, start, time.Date(year, 11, 10, 0, 0, 0, 0, time.UTC))
		var units []domain.RoundUnit
		for _, e := range expected {
			units = append(units, domain.RoundUnit{UnitCode: e.Unit.Code, FormCode: e.Form.Code})
		}
		unit = units[0].UnitCode
		if _, err := postgres.CreateRound(ctx, pool, domain.Round{Code: "NAM-" + strconv.Itoa(year), Kind: catalog.RoundAnnual,
			Title: "Báo cáo năm", PeriodStart: start, PeriodEnd: end, DueAt: end, CatalogVersionID: id}, units); err != nil {
			t.Fatal(err)
		}
	}
	u, err := postgres.CreateUser(ctx, pool, access.User{Username: "agency", Role: access.RoleAgency, Unit: unit, Active: true}, "x")
	if err != nil {
		t.Fatal(err)
	}
	round, _ := postgres.GetRound(ctx, pool, "NAM-2024")
	sub, err := postgres.GetSubmission(ctx, pool, access.Scope{}, round.ID, unit, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := postgres.AppendRevision(ctx, pool, domain.Revision{SubmissionID: sub.ID, Number: 1, AuthorID: &u.ID,
		Author: u.Username, Source: "api", Content: submission.NewContent(), Changes: []submission.CellChange{}}); err != nil {
		t.Fatal(err)
	}
	sub.Revision, sub.Status = 1, "draft"
	if err := postgres.UpdateSubmission(ctx, pool, sub); err != nil {
		t.Fatal(err)
	}
	return unit, u
}

func read(t *testing.T, ctx context.Context, db interface {
	SendBatch(context.Context, *pgx.Batch) pgx.BatchResults
}, scope access.Scope, round, unit string, opt postgres.ReadOptions) *postgres.SubmissionRead {
	t.Helper()
	b := &pgx.Batch{}
	r := postgres.QueueReadSubmission(b, scope, round, unit, opt)
	if err := db.SendBatch(ctx, b).Close(); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestQueueReadSubmission(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	unit, _ := twoYears(t, ctx, pool)
	r := read(t, ctx, pool, access.Scope{}, "NAM-2025", unit, postgres.ReadOptions{IdempotencyKey: "k"})
	prev, _ := postgres.GetRound(ctx, pool, "NAM-2024")
	prevSub, _ := postgres.GetSubmission(ctx, pool, access.Scope{}, prev.ID, unit, false)
	p := r.Previous
	if !r.RoundFound || r.Round.Code != "NAM-2025" || !r.Found || r.Sub.UnitCode != unit || r.Sub.Revision != 0 || r.KeyUsed ||
		!p.Found || p.Round.Code != "NAM-2024" || len(p.Subs) != 1 || p.Subs[0].ID != prevSub.ID || p.Subs[0].Revision != 1 ||
		p.Subs[0].FormCode != prevSub.FormCode {
		t.Fatalf("read %+v; want 2025's submission of %s, compared with revision 1 of %d", r, unit, prevSub.ID)
	}
	// The units a unit took over are looked for too; one the round did
	// not expect is not listed.
	r = read(t, ctx, pool, access.Scope{}, "NAM-2025", unit, postgres.ReadOptions{Lineage: []string{unit, "SO1", "NOBODY"}})
	if got := r.Previous.Subs; len(got) != 2 || got[0].Unit != "SO1" || got[1].Unit != unit || got[0].Revision != 0 {
		t.Fatalf("lineage read %+v; want SO1 (not started) and %s from 2024", got, unit)
	}
	if r := read(t, ctx, pool, access.Scope{}, "NAM-2024", unit, postgres.ReadOptions{}); !r.Found || r.Previous.Found {
		t.Fatalf("2024 read %+v; want found, without a previous round", r)
	}
	if r := read(t, ctx, pool, access.Scope{}, "NAM-1999", unit, postgres.ReadOptions{}); r.RoundFound || r.Found {
		t.Fatalf("missing round read %+v", r)
	}
	r = read(t, ctx, pool, access.Scope{Unit: "OTHER"}, "NAM-2025", unit, postgres.ReadOptions{})
	if !r.RoundFound || r.Found || !errors.Is(r.CheckSubmission(unit), domain.ErrNotFound) {
		t.Fatalf("read outside the scope %+v; want the round and no submission", r)
	}
}

// A save as intake makes it: the reads in one batch, the writes in
// another, in one ordinary transaction.
func TestQueueAppendRevision_batchedSave(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	unit, u := twoYears(t, ctx, pool)
	save := func(key string, number int, extra func(*pgx.Batch)) error {
		b := &pgx.Batch{}
		r := postgres.QueueReadSubmission(b, access.Scope{}, "NAM-2025", unit, postgres.ReadOptions{Lock: true, IdempotencyKey: key})
		tx, err := pool.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return err
		}
		if r.KeyUsed {
			return errors.New("key used")
		}
		// The row is locked until the transaction ends.
		if _, err := pool.Exec(ctx, "SELECT 1 FROM submissions WHERE id = $1 FOR UPDATE NOWAIT", r.Sub.ID); err == nil {
			t.Fatal("the submission was not locked")
		}
		w := &pgx.Batch{}
		postgres.QueueAudit(w, domain.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: "test_" + key})
		if err := postgres.QueueAppendRevision(w, domain.Revision{SubmissionID: r.Sub.ID, Number: number, AuthorID: &u.ID,
			Author: u.Username, Source: "api", Content: submission.NewContent(), Changes: []submission.CellChange{}, IdempotencyKey: &key}); err != nil {
			t.Fatal(err)
		}
		r.Sub.Revision = number
		postgres.QueueUpdateSubmission(w, r.Sub)
		if extra != nil {
			extra(w)
		}
		if err := tx.SendBatch(ctx, w).Close(); err != nil {
			return err
		}
		return tx.Commit(ctx)
	}
	if err := save("a", 1, nil); err != nil {
		t.Fatal(err)
	}
	// A failing write undoes the writes before it and the transaction.
	var pgErr *pgconn.PgError
	if err := save("b", 1, nil); !errors.As(err, &pgErr) || pgErr.Code != "23505" {
		t.Fatalf("second revision 1 saved: %v", err)
	}
	if err := save("c", 2, func(b *pgx.Batch) { postgres.QueueAddEvent(b, -1, domain.Event{Actor: "x", Kind: "x"}) }); !errors.As(err, &pgErr) {
		t.Fatalf("an event of no submission recorded: %v", err)
	}
	var audits, revisions, current int
	if err := pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM audit_log WHERE action LIKE 'test_%'),
		(SELECT count(*) FROM submission_revisions r JOIN submissions s ON s.id = r.submission_id JOIN rounds ro ON ro.id = s.round_id WHERE ro.code = 'NAM-2025'),
		(SELECT s.revision FROM submissions s JOIN rounds ro ON ro.id = s.round_id WHERE ro.code = 'NAM-2025' AND s.unit_code = $1)`, unit).
		Scan(&audits, &revisions, &current); err != nil {
		t.Fatal(err)
	}
	if audits != 1 || revisions != 1 || current != 1 {
		t.Fatalf("%d audit entries, %d revisions, current revision %d; want only the first save's", audits, revisions, current)
	}
	if err := save("a", 2, nil); err == nil || err.Error() != "key used" {
		t.Fatalf("the key of the first save is not seen: %v", err)
	}
	// Every connection went back to the pool outside a transaction.
	for range pool.Stat().TotalConns() + 1 {
		if err := save("d", 2, func(b *pgx.Batch) { b.Queue("SELECT 1/0") }); err == nil {
			t.Fatal("division by zero committed")
		}
	}
	if err := save("d", 2, nil); err != nil {
		t.Fatalf("after failed transactions: %v", err)
	}
}
