package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"
)

// TickArgs is the every-minute check of the reporting calendar: open the
// annual round, remind, mark overdue, chase, lock. Cheap, and it keeps
// ad-hoc deadlines punctual to the minute.
type TickArgs struct{}

// Kind implements river.JobArgs.
func (TickArgs) Kind() string { return "calendar_tick" }

// InsertOpts makes the check unique per minute, whoever enqueues it.
func (TickArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueDefault, MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByPeriod: time.Minute}}
}

// TickWorker runs the check.
type TickWorker struct {
	river.WorkerDefaults[TickArgs]
	deps Deps
}

// Timeout bounds one check.
func (w *TickWorker) Timeout(*river.Job[TickArgs]) time.Duration { return 50 * time.Second }

// Work implements river.Worker.
func (w *TickWorker) Work(ctx context.Context, job *river.Job[TickArgs]) error {
	if w.deps.Rounds == nil {
		return errors.New("calendar tick: no rounds service configured")
	}
	return w.deps.Rounds.Tick(ctx)
}
