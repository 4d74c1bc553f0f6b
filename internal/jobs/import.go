package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"
)

// ImportArgs asks to import an uploaded workbook into its submission.
type ImportArgs struct {
	UploadID int64 `json:"upload_id"`
	// UserID is who uploaded it: the one who may read the job's result.
	UserID int64 `json:"user_id"`
	// Round and Unit name the submission, for the way back to it from
	// the job's page (empty in jobs queued before they were added).
	Round string `json:"round,omitempty"`
	Unit  string `json:"unit,omitempty"`
}

// Kind implements river.JobArgs.
func (ImportArgs) Kind() string { return "import_workbook" }

// InsertOpts puts imports on their own queue; an upload is imported once.
func (ImportArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueImports, MaxAttempts: 5,
		UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// ImportWorker parses the workbook and saves it as a revision; a workbook
// that cannot be accepted is not a failure of the job: its problems are
// the job's result.
type ImportWorker struct {
	river.WorkerDefaults[ImportArgs]
	deps Deps
}

// ImportTimeout bounds one import: parsing a large workbook and one save.
const ImportTimeout = 2 * time.Minute

// Timeout implements river.Worker.
func (w *ImportWorker) Timeout(*river.Job[ImportArgs]) time.Duration { return ImportTimeout }

// Work implements river.Worker. A workbook still being read when the
// timeout passes is refused (Import's problems say so) and the job
// completes: reading it again would take as long. A job cancelled from the
// jobs UI or stopped with the process returns the cause, so that River
// marks it cancelled or runs it again after the restart.
func (w *ImportWorker) Work(ctx context.Context, job *river.Job[ImportArgs]) error {
	res, err := w.deps.Intake.Import(ctx, job.Args.UploadID)
	if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return context.Cause(ctx)
	}
	if err != nil {
		return err
	}
	return river.RecordOutput(ctx, res)
}
