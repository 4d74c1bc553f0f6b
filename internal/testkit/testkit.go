// Package testkit holds what tests across packages share besides their
// database (that is internal/pgtest): waiting for a condition, a
// password hashing cost cheap enough for the race detector, and the
// insert-only River client services are built with. Only tests import it.
package testkit

import (
	"log/slog"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"baocao/internal/access"
	"baocao/internal/jobs/jobargs"
)

// Inserter is an insert-only River client on pool, as services get in
// production (jobargs.NewInserter): the jobs they insert stay in river_job
// for the test to find, since nothing works them.
func Inserter(t testing.TB, pool *pgxpool.Pool) *river.Client[pgx.Tx] {
	t.Helper()
	c, err := jobargs.NewInserter(pool, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// PasswordCost makes argon2id hashes in microseconds instead of the
// production cost's tenths of a second (seconds under the race detector).
// Tests pass it wherever accounts are made: auth.Settings, config.Config,
// demo.Install. The hashes record it, so they verify as any other.
var PasswordCost = access.PasswordCost{Time: 1, MemoryKiB: 64, Threads: 1}

// pollEvery is how often Eventually asks: short enough to catch a
// condition that holds for a few hundred milliseconds (a report being
// rendered), long enough not to load the machine under test.
const pollEvery = 20 * time.Millisecond

// Eventually asks cond until it holds and fails t when within passes
// first, saying it was waiting until what ("the job is running"). An error from cond means "not yet" (a page still
// loading, a server restarting); the last one is reported with the
// failure. cond runs on the caller's goroutine, so it may fail t itself.
func Eventually(t testing.TB, within time.Duration, what string, cond func() (bool, error)) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		ok, err := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			if err != nil {
				t.Fatalf("gave up after %s waiting until %s; last error: %v", within, what, err)
			} else {
				t.Fatalf("gave up after %s waiting until %s", within, what)
			}
			return
		}
		time.Sleep(pollEvery)
	}
}
