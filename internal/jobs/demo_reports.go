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
	"baocao/internal/jobs/jobargs"
	"baocao/internal/postgres"
	"baocao/internal/reports"
)

// DemoReportsWorker makes the demo's reports.
type DemoReportsWorker struct {
	river.WorkerDefaults[jobargs.DemoReportsArgs]
	deps Deps
}

// Timeout bounds the demo's reports: two rounds, each rendered twice.
func (w *DemoReportsWorker) Timeout(*river.Job[jobargs.DemoReportsArgs]) time.Duration {
	return 2 * cmp.Or(w.deps.ReportTimeout, DefaultReportTimeout)
}

// Work implements river.Worker.
func (w *DemoReportsWorker) Work(ctx context.Context, job *river.Job[jobargs.DemoReportsArgs]) error {
	if w.deps.Reports == nil {
		return errors.New("demo reports: no reports service configured")
	}
	return demo.IssueReports(ctx, w.deps.Pool, w.deps.Logger, demoReports(w.deps.Pool, w.deps.Reports))
}

// demoReports makes a demo round's report as the reports service does,
// with its clock at the day it was made, and has lanhdao issue it, signed,
// an hour later (reports.Service.PastReport).
func demoReports(pool *pgxpool.Pool, svc *reports.Service) demo.Generate {
	return func(ctx context.Context, round string, at time.Time) (int, error) {
		leader, _, err := postgres.UserByUsername(ctx, pool, "lanhdao")
		if err != nil {
			return 0, fmt.Errorf("demo account lanhdao: %w", err)
		}
		return svc.PastReport(ctx, round, at, leader)
	}
}
