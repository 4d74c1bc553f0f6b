package jobs

import (
	"cmp"
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"

	"baocao/internal/jobs/jobargs"
)

// ConsolidateWorker runs a generation; the result says whether anything
// new was produced.
type ConsolidateWorker struct {
	river.WorkerDefaults[jobargs.ConsolidateArgs]
	deps Deps
}

// Timeout bounds one generation: consolidation and two renders.
func (w *ConsolidateWorker) Timeout(*river.Job[jobargs.ConsolidateArgs]) time.Duration {
	return cmp.Or(w.deps.ReportTimeout, DefaultReportTimeout)
}

// Work implements river.Worker.
func (w *ConsolidateWorker) Work(ctx context.Context, job *river.Job[jobargs.ConsolidateArgs]) error {
	if w.deps.Reports == nil {
		return errors.New("consolidate: no reports service configured")
	}
	res, err := w.deps.Reports.Generate(ctx, job.Args.Round, job.Args.IncludeUnreviewed)
	if err != nil {
		return err
	}
	return river.RecordOutput(ctx, res)
}
