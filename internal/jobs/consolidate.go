package jobs

import (
	"cmp"
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"
)

// ConsolidateArgs asks to consolidate a round and render its report.
type ConsolidateArgs struct {
	Round string `json:"round"`
	// IncludeUnreviewed counts submitted but not yet accepted reports
	// (staff's choice when generating by hand).
	IncludeUnreviewed bool `json:"include_unreviewed"`
	// UserID is the staff member who asked, if anyone did.
	UserID int64 `json:"user_id,omitempty"`
}

// Kind implements river.JobArgs.
func (ConsolidateArgs) Kind() string { return "consolidate_report" }

// InsertOpts: the reports queue, and one generation per round and choice
// in any ten minutes (the debounce of automatic generation).
func (ConsolidateArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueReports, MaxAttempts: 5,
		UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: 10 * time.Minute}}
}

// ConsolidateWorker runs a generation; the result says whether anything
// new was produced.
type ConsolidateWorker struct {
	river.WorkerDefaults[ConsolidateArgs]
	deps Deps
}

// Timeout bounds one generation: consolidation and two renders.
func (w *ConsolidateWorker) Timeout(*river.Job[ConsolidateArgs]) time.Duration {
	return cmp.Or(w.deps.ReportTimeout, DefaultReportTimeout)
}

// Work implements river.Worker.
func (w *ConsolidateWorker) Work(ctx context.Context, job *river.Job[ConsolidateArgs]) error {
	if w.deps.Reports == nil {
		return errors.New("consolidate: no reports service configured")
	}
	res, err := w.deps.Reports.Generate(ctx, job.Args.Round, job.Args.IncludeUnreviewed, w.deps.NotifyStaff)
	if err != nil {
		return err
	}
	return river.RecordOutput(ctx, res)
}
