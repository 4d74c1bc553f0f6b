package jobs

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/riverqueue/river"

	"baocao/internal/jobs/jobargs"
)

// ForwardWorker sends the package and records each attempt.
type ForwardWorker struct {
	river.WorkerDefaults[jobargs.ForwardArgs]
	deps Deps
}

// Timeout bounds one attempt: an upload of the package.
func (w *ForwardWorker) Timeout(*river.Job[jobargs.ForwardArgs]) time.Duration {
	return 2 * time.Minute
}

// NextRetry backs off like notice deliveries.
func (w *ForwardWorker) NextRetry(job *river.Job[jobargs.ForwardArgs]) time.Time {
	d := retryDelay(w.deps.RetryDelay, job.Attempt)
	return time.Now().Add(d + rand.N(d/10+1))
}

// Work implements river.Worker.
func (w *ForwardWorker) Work(ctx context.Context, job *river.Job[jobargs.ForwardArgs]) error {
	if w.deps.Reports == nil {
		return errors.New("forward: no reports service configured")
	}
	return w.deps.Reports.Forward(ctx, job.Args.DeliveryID, w.deps.Mailer, nil)
}
