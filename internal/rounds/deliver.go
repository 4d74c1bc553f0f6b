package rounds

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
	"unicode/utf8"

	"baocao/internal/domain"
	"baocao/internal/notify"
	"baocao/internal/postgres"
)

// MaxErrorText bounds a notice's last error: some servers answer at
// length.
const MaxErrorText = 1000

// Attempt is which try of a notice's delivery this is, of how many its
// job may make.
type Attempt struct {
	Number, Max int
}

// Deliver sends notice id through m and records the outcome on it: sent;
// failed for good (a refused address, or the last attempt failing), which
// staff see in the outbox; or an attempt counted. It returns the send
// error when a later attempt may succeed, nil otherwise (sent, refused for
// good, or already sent or failed by an earlier job).
//
// A notice is sent while its row is locked, and marked sent in the same
// transaction right after the server accepts it, so two jobs for one
// notice (a retry overlapping a re-enqueue, two worker processes) never
// both send. Delivery is still at least once, not exactly once: SMTP has
// no two-phase commit, and a crash (or a lost database connection) between
// the server's acceptance and the commit leaves the notice queued, to be
// sent again. The window is kept to one UPDATE and one COMMIT, run on a
// context that a cancelled job cannot interrupt; a copy sent again carries
// the same Message-ID, which lets many mail systems drop it.
func (s *Service) Deliver(ctx context.Context, m notify.Mailer, id int64, at Attempt, log *slog.Logger) error {
	tx, err := s.pool.Begin(ctx)
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

	sendErr := m.Send(ctx, notify.Message{
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
	giveUp := !permanent && at.Number >= at.Max
	if giveUp {
		text = fmt.Sprintf("gave up after %d attempts: %s", at.Number, text)
	}
	if err := postgres.MarkNotificationAttempt(rctx, tx, id, Truncate(text, MaxErrorText), permanent || giveUp); err != nil {
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
	// The job retries later, or is discarded after its last attempt, when
	// the notice was just marked failed.
	return fmt.Errorf("deliver notification %d (attempt %d of %d): %w", id, at.Number, at.Max, sendErr)
}

// Truncate cuts s to at most n bytes on a character boundary.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
