// Package ops tells the administrator how the machine runs: whether the
// database answers, whether a worker process works jobs (its heartbeat),
// and which kinds of background jobs fail.
package ops

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/access"
	"baocao/internal/domain"
	"baocao/internal/jobs"
	"baocao/internal/postgres"
)

// HeartbeatStale is how old the workers' heartbeat may be before it
// counts as stopped: the heartbeat job runs every minute.
const HeartbeatStale = 5 * time.Minute

// FailuresWithin is how far back discarded jobs are counted.
const FailuresWithin = 7 * 24 * time.Hour

// Service reads the machine's state.
type Service struct {
	pool *pgxpool.Pool
	jobs *jobs.Client
	// Now is the clock.
	Now func() time.Time
}

// New returns the service.
func New(pool *pgxpool.Pool, client *jobs.Client) *Service {
	return &Service{pool: pool, jobs: client, Now: time.Now}
}

// Status is the machine's state at At.
type Status struct {
	At         time.Time
	DatabaseOK bool
	// Heartbeat is when a worker last ran the heartbeat job (nil: never);
	// HeartbeatStale says it is older than HeartbeatStale.
	Heartbeat      *time.Time
	HeartbeatStale bool
	// FailingJobs are the kinds of jobs now retrying, or discarded within
	// FailuresWithin.
	FailingJobs []jobs.KindFailures
}

// Status reads the machine's state. A database that does not answer is
// part of the state, not an error: the rest is then unknown. Only the
// administrator sees it.
func (s *Service) Status(ctx context.Context, u access.User) (Status, error) {
	if !access.Allow(u, access.ViewOperations, "") {
		return Status{}, domain.ErrForbidden
	}
	now := s.Now()
	st := Status{At: now}
	pingCtx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if st.DatabaseOK = s.pool.Ping(pingCtx) == nil; !st.DatabaseOK {
		return st, nil
	}
	at, err := postgres.LastHeartbeat(ctx, s.pool)
	switch {
	case err == nil:
		st.Heartbeat, st.HeartbeatStale = &at, now.Sub(at) > HeartbeatStale
	case errors.Is(err, postgres.ErrNoHeartbeat):
		st.HeartbeatStale = true
	default:
		return Status{}, err
	}
	if st.FailingJobs, err = jobs.Failures(ctx, s.jobs, now.Add(-FailuresWithin)); err != nil {
		return Status{}, err
	}
	return st, nil
}

// DatabaseUnavailable reports whether err means the database could not be
// reached or dropped the connection, so the same request may be sent
// again once it is back (postgres.Unavailable tells).
func DatabaseUnavailable(err error) bool { return postgres.Unavailable(err) }
