package intake

import (
	"context"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/postgres"
)

// RoundSubmissions is a round with the catalog it was opened on and the
// submissions in it that a user may read.
type RoundSubmissions struct {
	Round       domain.Round
	Catalog     *catalog.Catalog
	Submissions []domain.Submission
}

// Rounds lists the rounds u may see, newest deadline first, each with the
// submissions u may read: an agency its own unit's in the rounds that
// expect it, everyone else every unit's.
func (s *Service) Rounds(ctx context.Context, u access.User) ([]RoundSubmissions, error) {
	if !access.Allow(u, access.ReadCatalog, "") {
		return nil, domain.ErrForbidden
	}
	scope := access.ScopeFor(u)
	rounds, err := postgres.ListRounds(ctx, s.pool, scope)
	if err != nil {
		return nil, err
	}
	out := make([]RoundSubmissions, 0, len(rounds))
	for _, r := range rounds {
		subs, err := postgres.ListSubmissions(ctx, s.pool, scope, r.ID)
		if err != nil {
			return nil, err
		}
		c, err := s.Catalog(ctx, s.pool, r.CatalogVersionID)
		if err != nil {
			return nil, err
		}
		out = append(out, RoundSubmissions{Round: r, Catalog: c, Submissions: subs})
	}
	return out, nil
}
