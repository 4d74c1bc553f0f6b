package jobs

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/riverqueue/river"

	"baocao/internal/jobs/jobargs"
	"baocao/internal/rounds"
)

// DefaultRetryDelay is the first retry's delay when Deps.RetryDelay is 0.
const DefaultRetryDelay = 10 * time.Second

// retrySteps are the delays after each failed attempt, in multiples of
// the base delay: 10s, 30s, 1m, 2m, 5m, then every 10m by default.
var retrySteps = [...]time.Duration{1, 3, 6, 12, 30, 60}

// DeliverWorker sends a notice by e-mail and records the outcome on it:
// sent; failed for good (a refused address), which staff see in the
// outbox; or an attempt counted and the job retried later.
//
// Without a Mailer (no SMTP_URL, as in dev mode) the job completes and
// leaves the notice queued; the periodic check enqueues queued notices
// again later, so they go out once a process with SMTP runs.
type DeliverWorker struct {
	river.WorkerDefaults[jobargs.DeliverArgs]
	deps Deps
}

// Timeout bounds one delivery: connecting and each SMTP command are
// bounded by notify.Timeout already, this bounds the whole conversation.
func (w *DeliverWorker) Timeout(*river.Job[jobargs.DeliverArgs]) time.Duration { return time.Minute }

// NextRetry spaces retries as mail servers expect: quickly at first for a
// passing hiccup, then every ten minutes (with the default base delay),
// with up to 10% jitter so a backlog does not hit a recovered server at once.
func (w *DeliverWorker) NextRetry(job *river.Job[jobargs.DeliverArgs]) time.Time {
	d := retryDelay(w.deps.RetryDelay, job.Attempt)
	return time.Now().Add(d + rand.N(d/10+1))
}

// retryDelay is the delay after attempt (1 for the first) failed.
func retryDelay(base time.Duration, attempt int) time.Duration {
	if base <= 0 {
		base = DefaultRetryDelay
	}
	return base * retrySteps[min(max(attempt, 1), len(retrySteps))-1]
}

// Work implements river.Worker: the notice goes out through
// rounds.Service.Deliver, which records the outcome.
func (w *DeliverWorker) Work(ctx context.Context, job *river.Job[jobargs.DeliverArgs]) error {
	id := job.Args.NotificationID
	log := w.deps.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if w.deps.Mailer == nil {
		log.DebugContext(ctx, "no SMTP server configured; notice stays queued", "notification", id)
		return nil
	}
	return w.deps.Rounds.Deliver(ctx, w.deps.Mailer, id, rounds.Attempt{Number: job.Attempt, Max: job.MaxAttempts}, log)
}
