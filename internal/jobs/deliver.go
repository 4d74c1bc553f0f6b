package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"
	"unicode/utf8"

	"github.com/riverqueue/river"

	"baocao/internal/domain"
	"baocao/internal/jobs/jobargs"
	"baocao/internal/notify"
	"baocao/internal/postgres"
)

// DefaultRetryDelay is the first retry's delay when Deps.RetryDelay is 0.
const DefaultRetryDelay = 10 * time.Second

// retrySteps are the delays after each failed attempt, in multiples of
// the base delay: 10s, 30s, 1m, 2m, 5m, then every 10m by default.
var retrySteps = [...]time.Duration{1, 3, 6, 12, 30, 60}

// maxErrorText bounds last_error: some servers answer at length.
const maxErrorText = 1000

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

// Work implements river.Worker.
//
// A notice is sent while its row is locked, and marked sent in the same
// transaction right after the server accepts it, so two jobs for one notice
// (a retry overlapping a re-enqueue, two worker processes) never both send.
// Delivery is still at least once, not exactly once: SMTP has no two-phase
// commit, and a crash (or a lost database connection) between the server's
// acceptance and the commit leaves the notice queued, to be sent again. The
// window is kept to one UPDATE and one COMMIT, run on a context that a
// cancelled job cannot interrupt; a copy sent again carries the same
// Message-ID, which lets many mail systems drop it.
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
	tx, err := w.deps.Pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("deliver notification %d: %w", id, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	n, err := postgres.LockNotificationForDelivery(ctx, tx, id)
	if errors.Is(err, domain.ErrNotFound) {
		return nil // sent or failed by an earlier job
	}
	if err != nil {
		return fmt.Errorf("deliver notification %d: %w", id, err)
	}

	sendErr := w.deps.Mailer.Send(ctx, notify.Message{
		To: n.To, Subject: n.Subject, Body: n.Body,
		// The creation time tells apart notices of databases that
		// share ids, such as a test copy and production.
		ID: fmt.Sprintf("baocao-notice-%d.%d", n.ID, n.CreatedAt.UnixMicro()),
	})

	// Record the outcome even when the job's context has just ended.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if sendErr == nil {
		if _, err := postgres.MarkNotificationSent(rctx, tx, id, time.Now()); err != nil {
			log.ErrorContext(ctx, "notice sent but not recorded; it will be sent again", "notification", id, "error", err)
			return fmt.Errorf("deliver notification %d: %w", id, err)
		}
		if err := tx.Commit(rctx); err != nil {
			log.ErrorContext(ctx, "notice sent but not recorded; it will be sent again", "notification", id, "error", err)
			return fmt.Errorf("deliver notification %d: commit: %w", id, err)
		}
		return nil
	}

	permanent := notify.IsPermanent(sendErr)
	text := sendErr.Error()
	giveUp := !permanent && job.Attempt >= job.MaxAttempts
	if giveUp {
		text = fmt.Sprintf("gave up after %d attempts: %s", job.Attempt, text)
	}
	if err := postgres.MarkNotificationAttempt(rctx, tx, id, truncate(text, maxErrorText), permanent || giveUp); err != nil {
		return errors.Join(fmt.Errorf("deliver notification %d: %w", id, sendErr), err)
	}
	if err := tx.Commit(rctx); err != nil {
		return errors.Join(fmt.Errorf("deliver notification %d: %w", id, sendErr), fmt.Errorf("commit: %w", err))
	}
	if permanent {
		// Retrying cannot help; the notice shows as failed with the reason.
		log.WarnContext(ctx, "notice refused for good", "notification", id, "to", n.To, "error", sendErr)
		return nil
	}
	// River retries after NextRetry, or discards the job after the last
	// attempt, when the notice was just marked failed.
	return fmt.Errorf("deliver notification %d (attempt %d of %d): %w", id, job.Attempt, job.MaxAttempts, sendErr)
}

// truncate cuts s to at most n bytes on a character boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
