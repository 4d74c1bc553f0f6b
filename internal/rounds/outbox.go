package rounds

import (
	"context"
	"time"

	"baocao/internal/access"
	"baocao/internal/domain"
	"baocao/internal/postgres"
)

// How far back the outbox's backlog looks, and when a queued notice counts
// as stuck.
const (
	// FailedWithin is how long a notice given up stays in the backlog:
	// long enough for staff to reach the unit another way.
	FailedWithin = 30 * 24 * time.Hour
	// StuckAfter is how long a notice may wait untried before it counts
	// as stuck: deliveries start within seconds when a mail server and a
	// worker run.
	StuckAfter = time.Hour
)

// Backlog is the outbox's notices that have not reached their addressee
// (domain.NoticeBacklog).
type Backlog = domain.NoticeBacklog

// Undelivered counts the notices that did not go out: failed within
// FailedWithin, retrying, or stuck for longer than StuckAfter. Those who
// read the outbox see it.
func (s *Service) Undelivered(ctx context.Context, u access.User) (Backlog, error) {
	if !access.Allow(u, access.ReadProgress, "") {
		return Backlog{}, domain.ErrForbidden
	}
	now := s.Now()
	return postgres.CountNoticeBacklog(ctx, s.pool, now.Add(-FailedWithin), now.Add(-StuckAfter))
}
