package jobs

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"baocao/internal/demo"
	"baocao/internal/intake"
	"baocao/internal/postgres"
	"baocao/internal/render"
	"baocao/internal/reports"
)

// DemoReportsArgs asks for the demo's past rounds' reports: each made on
// its own day and issued, signed, by lanhdao an hour later
// (demo.IssueReports). A dev start enqueues it after seeding, so the
// system serves at once and the reports follow within a minute.
type DemoReportsArgs struct{}

// Kind implements river.JobArgs.
func (DemoReportsArgs) Kind() string { return "demo_reports" }

// InsertOpts: the reports queue, once an hour however often dev starts
// (the work itself skips rounds that have their report).
func (DemoReportsArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueReports, MaxAttempts: 3,
		UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: time.Hour}}
}

// DemoReportsWorker makes the demo's reports.
type DemoReportsWorker struct {
	river.WorkerDefaults[DemoReportsArgs]
	deps Deps
}

// Timeout bounds the demo's reports: two rounds, each rendered twice.
func (w *DemoReportsWorker) Timeout(*river.Job[DemoReportsArgs]) time.Duration {
	return 2 * cmp.Or(w.deps.ReportTimeout, DefaultReportTimeout)
}

// Work implements river.Worker.
func (w *DemoReportsWorker) Work(ctx context.Context, job *river.Job[DemoReportsArgs]) error {
	if w.deps.Reports == nil {
		return errors.New("demo reports: no reports service configured")
	}
	return demo.IssueReports(ctx, w.deps.Pool, w.deps.Logger, DemoReports(w.deps.Pool, w.deps.Reports.Signing))
}

// DemoReports makes a demo round's report as the reports service does,
// with its clock at the day it was made, and has lanhdao issue it, signed,
// an hour later.
func DemoReports(pool *pgxpool.Pool, sig reports.Signing) demo.Generate {
	svc := reports.New(pool, intake.New(pool), render.Files{})
	svc.Signing = sig
	return func(ctx context.Context, round string, at time.Time) (int, error) {
		leader, _, err := postgres.UserByUsername(ctx, pool, "lanhdao")
		if err != nil {
			return 0, fmt.Errorf("demo account lanhdao: %w", err)
		}
		return svc.PastReport(ctx, round, at, leader)
	}
}
