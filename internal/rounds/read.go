package rounds

import (
	"context"

	"baocao/internal/access"
	"baocao/internal/domain"
	"baocao/internal/postgres"
)

// List returns the rounds u may see, newest deadline first: an agency
// sees the rounds that expect its unit, everyone else every round.
func (s *Service) List(ctx context.Context, u access.User) ([]domain.Round, error) {
	if !access.Allow(u, access.ReadCatalog, "") {
		return nil, domain.ErrForbidden
	}
	return postgres.ListRounds(ctx, s.pool, access.ScopeFor(u))
}

// Get returns the round with code. An agency sees only a round that
// expects its unit: another is not found, as in List.
func (s *Service) Get(ctx context.Context, u access.User, code string) (domain.Round, error) {
	if !access.Allow(u, access.ReadCatalog, "") {
		return domain.Round{}, domain.ErrForbidden
	}
	r, err := postgres.GetRound(ctx, s.pool, code)
	if err != nil {
		return domain.Round{}, err
	}
	if scope := access.ScopeFor(u); scope.Unit != "" {
		if _, err := postgres.GetSubmission(ctx, s.pool, scope, r.ID, scope.Unit, false); err != nil {
			return domain.Round{}, err
		}
	}
	return r, nil
}

// Notices lists the outbox's notices f keeps, newest first. An agency
// sees only the notices addressed to its unit, whatever f asks; the whole
// outbox is for those who follow progress.
func (s *Service) Notices(ctx context.Context, u access.User, f domain.NotificationFilter) ([]domain.Notification, error) {
	switch {
	case !access.Allow(u, access.UseAccount, ""):
		return nil, domain.ErrForbidden
	case u.Role == access.RoleAgency:
		f.Unit, f.Audience = u.Unit, "unit"
	case !access.Allow(u, access.ReadProgress, ""):
		return nil, domain.ErrForbidden
	}
	return postgres.ListNotifications(ctx, s.pool, f)
}
