package jobs

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// ForwardArgs asks to send a final report set to one destination.
type ForwardArgs struct {
	DeliveryID int64 `json:"delivery_id"`
}

// Kind implements river.JobArgs.
func (ForwardArgs) Kind() string { return "forward_report" }

// InsertOpts: the notify queue, one job per delivery while it is pending.
func (ForwardArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueNotify, MaxAttempts: 15,
		UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
			rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRetryable,
			rivertype.JobStateRunning, rivertype.JobStateScheduled,
		}}}
}

// ForwardWorker sends the package and records each attempt.
type ForwardWorker struct {
	river.WorkerDefaults[ForwardArgs]
	deps Deps
}

// Timeout bounds one attempt: an upload of the package.
func (w *ForwardWorker) Timeout(*river.Job[ForwardArgs]) time.Duration { return 2 * time.Minute }

// NextRetry backs off like notice deliveries.
func (w *ForwardWorker) NextRetry(job *river.Job[ForwardArgs]) time.Time {
	d := retryDelay(w.deps.RetryDelay, job.Attempt)
	return time.Now().Add(d + rand.N(d/10+1))
}

// Work implements river.Worker.
func (w *ForwardWorker) Work(ctx context.Context, job *river.Job[ForwardArgs]) error {
	if w.deps.Reports == nil {
		return errors.New("forward: no reports service configured")
	}
	return w.deps.Reports.Forward(ctx, job.Args.DeliveryID, w.deps.Mailer, nil)
}
