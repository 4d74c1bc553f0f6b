package reports

import (
	"context"
	"time"

	"baocao/internal/access"
	"baocao/internal/domain"
	"baocao/internal/postgres"
)

// StalledWithin is how long a failed forwarding stays on staff's list.
const StalledWithin = 30 * 24 * time.Hour

// AwaitingIssue lists, for each round, its newest report set that exists
// only as a draft (postgres.ListUnissuedSets): what the leader has to
// issue. Only those who issue reports see it.
func (s *Service) AwaitingIssue(ctx context.Context, u access.User) ([]domain.UnissuedSet, error) {
	if !access.Allow(u, access.IssueReports, "") {
		return nil, domain.ErrForbidden
	}
	return postgres.ListUnissuedSets(ctx, s.pool)
}

// StalledDeliveries lists the forwardings of report sets that failed
// within StalledWithin or wait to be tried again after a failure. Those
// who forward reports see it.
func (s *Service) StalledDeliveries(ctx context.Context, u access.User) ([]domain.StalledDelivery, error) {
	if !access.Allow(u, access.ForwardReports, "") {
		return nil, domain.ErrForbidden
	}
	return postgres.ListStalledDeliveries(ctx, s.pool, s.Now().Add(-StalledWithin))
}
