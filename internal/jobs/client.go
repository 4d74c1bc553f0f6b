// Package jobs runs baocao's background work on River: one file per job
// kind's worker (the kinds' arguments are in jobs/jobargs, where services
// insert them from), the working client with its queues, and the one
// place where workers and periodic jobs are registered.
package jobs

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"baocao/internal/intake"
	"baocao/internal/jobs/jobargs"
	"baocao/internal/notify"
	"baocao/internal/reports"
	"baocao/internal/rounds"
)

// Client is the River client baocao uses, inserting inside pgx transactions.
type Client = river.Client[pgx.Tx]

// Deps are what workers need from the rest of the program.
type Deps struct {
	Pool   *pgxpool.Pool
	Logger *slog.Logger
	Intake *intake.Service
	Rounds *rounds.Service
	// Reports generates consolidated reports.
	Reports *reports.Service
	// Mailer sends the outbox's notices; nil (no SMTP_URL) leaves them
	// queued.
	Mailer notify.Mailer
	// RetryDelay is the first delay of DeliverWorker's retry schedule;
	// zero means DefaultRetryDelay. Tests shorten it.
	RetryDelay time.Duration
	// ReportTimeout bounds one report generation; zero means
	// DefaultReportTimeout.
	ReportTimeout time.Duration
}

// DefaultReportTimeout bounds a report generation when Deps leave it unset.
const DefaultReportTimeout = 5 * time.Minute

// DefaultRescueAfter is how long a job may run before River takes its
// worker for dead and runs it again, when Options leave it unset: a
// minute above the longest job timeout, so a cancelled job has unwound.
const DefaultRescueAfter = DefaultReportTimeout + time.Minute

// Options configure NewClient.
type Options struct {
	// MaxWorkers is how many jobs each queue runs at once in this process.
	MaxWorkers int
	// RescueAfter is how long a job may stay running before it counts as
	// stuck on a dead worker and is retried; zero means DefaultRescueAfter.
	// A kind whose own timeout is longer is not rescued before it.
	RescueAfter time.Duration
	// Workers and Periodic default to Register and Periodic's; tests pass
	// their own.
	Workers  *river.Workers
	Periodic []*river.PeriodicJob
}

// NewClient builds the working River client: it fetches and runs jobs once
// started. Several processes may run clients on one database: River locks
// each job to one of them, and only the elected leader enqueues periodic
// jobs. Services insert with an insert-only client (jobargs.NewInserter).
func NewClient(deps Deps, opts Options) (*Client, error) {
	rescueAfter := cmp.Or(opts.RescueAfter, DefaultRescueAfter)
	cfg := &river.Config{
		Logger: deps.Logger,
		// River refuses a default timeout above the rescue delay; only
		// kinds without a timeout of their own use it.
		JobTimeout:           min(time.Minute, rescueAfter),
		RescueStuckJobsAfter: rescueAfter,
		// Job rows are the record of what ran; keep a week of them.
		CompletedJobRetentionPeriod: 7 * 24 * time.Hour,
	}
	cfg.Workers = opts.Workers
	if cfg.Workers == nil {
		cfg.Workers = river.NewWorkers()
		Register(cfg.Workers, deps)
	}
	cfg.PeriodicJobs = opts.Periodic
	if cfg.PeriodicJobs == nil {
		cfg.PeriodicJobs = Periodic()
	}
	cfg.Queues = map[string]river.QueueConfig{
		jobargs.QueueDefault: {MaxWorkers: opts.MaxWorkers},
		jobargs.QueueImports: {MaxWorkers: opts.MaxWorkers},
		jobargs.QueueReports: {MaxWorkers: max(1, opts.MaxWorkers/2)},
		// A delivery holds a connection for its SMTP conversation.
		jobargs.QueueNotify: {MaxWorkers: min(4, opts.MaxWorkers)},
	}
	client, err := river.NewClient(riverpgxv5.New(deps.Pool), cfg)
	if err != nil {
		return nil, fmt.Errorf("river client: %w", err)
	}
	return client, nil
}

// Stop stops fetching new jobs and lets running ones finish within grace;
// jobs still running then are cancelled through their context.
func Stop(client *Client, grace time.Duration, logger *slog.Logger) error {
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := client.Stop(ctx)
	if err == nil {
		return nil
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("stop workers: %w", err)
	}
	logger.Warn("jobs still running after the shutdown grace period; cancelling them", "grace", grace)
	hardCtx, hardCancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer hardCancel()
	if err := client.StopAndCancel(hardCtx); err != nil {
		return fmt.Errorf("cancel running jobs: %w", err)
	}
	return nil
}
