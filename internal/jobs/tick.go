package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"

	"baocao/internal/jobs/jobargs"
)

// TickWorker runs the check.
type TickWorker struct {
	river.WorkerDefaults[jobargs.TickArgs]
	deps Deps
}

// Timeout bounds one check.
func (w *TickWorker) Timeout(*river.Job[jobargs.TickArgs]) time.Duration { return 50 * time.Second }

// Work implements river.Worker.
func (w *TickWorker) Work(ctx context.Context, job *river.Job[jobargs.TickArgs]) error {
	if w.deps.Rounds == nil {
		return errors.New("calendar tick: no rounds service configured")
	}
	return w.deps.Rounds.Tick(ctx)
}
