package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"

	"baocao/internal/jobs/jobargs"
)

// ImportWorker parses the workbook and saves it as a revision; a workbook
// that cannot be accepted is not a failure of the job: its problems are
// the job's result.
type ImportWorker struct {
	river.WorkerDefaults[jobargs.ImportArgs]
	deps Deps
}

// ImportTimeout bounds one import: parsing a large workbook and one save.
const ImportTimeout = 2 * time.Minute

// Timeout implements river.Worker.
func (w *ImportWorker) Timeout(*river.Job[jobargs.ImportArgs]) time.Duration { return ImportTimeout }

// Work implements river.Worker. A workbook still being read when the
// timeout passes is refused (Import's problems say so) and the job
// completes: reading it again would take as long. A job cancelled from the
// jobs UI or stopped with the process returns the cause, so that River
// marks it cancelled or runs it again after the restart.
func (w *ImportWorker) Work(ctx context.Context, job *river.Job[jobargs.ImportArgs]) error {
	res, err := w.deps.Intake.Import(ctx, job.Args.UploadID)
	if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return context.Cause(ctx)
	}
	if err != nil {
		return err
	}
	return river.RecordOutput(ctx, res)
}
