package jobs

import (
	"cmp"
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// ConsolidateArgs asks to consolidate a round and render its report.
type ConsolidateArgs struct {
	Round string `json:"round" river:"unique"`
	// IncludeUnreviewed counts submitted but not yet accepted reports
	// (staff's choice when generating by hand).
	IncludeUnreviewed bool `json:"include_unreviewed" river:"unique"`
	// UserID is the staff member who asked, if anyone did; who asked does
	// not make two generations of the same data different.
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

// RequestedOpts are the insert options of a generation staff ask for: it
// is not debounced, and is unique only while one of the same round and
// choice waits or runs, so a request is always served by a generation
// that starts after it, or by the one already running.
func RequestedOpts() *river.InsertOpts {
	return &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateRetryable, rivertype.JobStateScheduled}}}
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
