package intake

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"baocao/internal/postgres"
	"baocao/internal/submission"
)

// Saves and submits write optimistically (Service.change): concurrent
// changes of one submission must still follow each other, each applied
// once on the state the one before it left, whatever the timing.
func TestService_Change_Concurrent(t *testing.T) {
	ctx := context.Background()
	m := newAcrossTheMerger(t)
	m.s.Now = func() time.Time { return time.Date(2025, 11, 1, 9, 0, 0, 0, ict) }
	u := m.users["x1"]
	const n = 8
	// at runs f n times at once and returns each call's error.
	at := func(f func(i int) error) []error {
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { errs[i] = f(i) })
		}
		wg.Wait()
		return errs
	}
	revisions := func() int {
		t.Helper()
		revs, _, err := m.s.History(ctx, u, "NAM-2025", "X1")
		if err != nil {
			t.Fatal(err)
		}
		return len(revs)
	}
	base := m.save(t, "NAM-2025", "X1", district(1, 1)).Sub.Revision

	// On the same revision: one save wins, the others are stale.
	saved, stale := 0, 0
	for _, err := range at(func(i int) error {
		_, err := m.s.Save(ctx, u, "NAM-2025", "X1", Save{Revision: &base, Change: district(10+i, 1), Source: SourceAPI})
		return err
	}) {
		var se *StaleError
		switch {
		case err == nil:
			saved++
		case errors.As(err, &se) && se.Given == base && se.Current == base+1:
			stale++
		default:
			t.Fatalf("save on revision %d: %v", base, err)
		}
	}
	if saved != 1 || stale != n-1 || revisions() != base+1 {
		t.Fatalf("%d saved, %d stale, %d revisions; want 1, %d, %d", saved, stale, revisions(), n-1, base+1)
	}

	// Without a revision (a workbook's import applies onto whatever is
	// current): every change lands, each its own revision.
	for i, err := range at(func(i int) error {
		_, err := m.s.Save(ctx, u, "NAM-2025", "X1", Save{Change: district(100+i, 1), Source: SourceExcel})
		return err
	}) {
		if err != nil {
			t.Fatalf("save %d: %v", i, err)
		}
	}
	if got := revisions(); got != base+1+n {
		t.Fatalf("%d revisions after %d saves without a revision; want %d", got, n, base+1+n)
	}

	// One idempotency key sent n times at once: one revision.
	for i, err := range at(func(i int) error {
		_, err := m.s.Save(ctx, u, "NAM-2025", "X1", Save{Change: district(500+i, 1), Source: SourceAPI, IdempotencyKey: "k1"})
		return err
	}) {
		if err != nil {
			t.Fatalf("save %d with the key: %v", i, err)
		}
	}
	if got := revisions(); got != base+2+n {
		t.Fatalf("%d revisions after one key sent %d times; want %d", got, n, base+2+n)
	}

	// Submits at once: submitted once, one event.
	for i, err := range at(func(int) error {
		_, err := m.s.Submit(ctx, u, "NAM-2025", "X1", "")
		return err
	}) {
		if err != nil {
			t.Fatalf("submit %d: %v", i, err)
		}
	}
	_, events, err := m.s.History(ctx, u, "NAM-2025", "X1")
	if err != nil {
		t.Fatal(err)
	}
	submitted := 0
	for _, e := range events {
		if e.Kind == "submitted" {
			submitted++
		}
	}
	if submitted != 1 {
		t.Fatalf("%d submitted events after %d submits at once; want 1", submitted, n)
	}

	// A save racing a withdrawal: either the save finds the report
	// submitted (and changes nothing) or comes after the withdrawal.
	errs := make([]error, 2)
	var wg sync.WaitGroup
	wg.Go(func() { _, errs[0] = m.s.Withdraw(ctx, u, "NAM-2025", "X1", "") })
	wg.Go(func() {
		_, errs[1] = m.s.Save(ctx, u, "NAM-2025", "X1", Save{Change: district(900, 1), Source: SourceAPI})
	})
	wg.Wait()
	if errs[0] != nil {
		t.Fatalf("withdraw: %v", errs[0])
	}
	v, err := m.s.Get(ctx, u, "NAM-2025", "X1")
	if err != nil {
		t.Fatal(err)
	}
	if v.Sub.Status != submission.StatusDraft {
		t.Fatalf("status %s after a withdrawal; want draft", v.Sub.Status)
	}
	switch {
	case errs[1] == nil && v.Sub.Revision != base+3+n:
		t.Fatalf("the save went through, the current revision is %d; want %d", v.Sub.Revision, base+3+n)
	case errs[1] != nil && (!errors.As(errs[1], new(*SubmittedError)) || v.Sub.Revision != base+2+n):
		t.Fatalf("save beside the withdrawal: %v, revision %d", errs[1], v.Sub.Revision)
	}

	// The values table followed every revision that was written.
	drift, err := postgres.ValuesDrift(ctx, m.pool, v.Round.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(drift) > 0 {
		t.Fatalf("values differ from the revisions: %v", drift)
	}
}
