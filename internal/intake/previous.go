package intake

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"baocao/internal/catalog"
	"baocao/internal/postgres"
	"baocao/internal/submission"
)

// lineage is a unit and every unit it took over in the catalog of the
// round with code: the units its previous round is searched for. The
// round's catalog version is cached by code (it never changes), so the
// reads of a save still travel in one batch; the first request for a
// round reads it once.
func (s *Service) lineage(ctx context.Context, db postgres.DBTX, roundCode, unit string) ([]string, error) {
	s.mu.Lock()
	version, ok := s.roundVersions[roundCode]
	s.mu.Unlock()
	if !ok {
		err := db.QueryRow(ctx, "SELECT catalog_version_id FROM rounds WHERE code = $1", roundCode).Scan(&version)
		if errors.Is(err, pgx.ErrNoRows) {
			return []string{unit}, nil // the batch reports the missing round
		}
		if err != nil {
			return nil, fmt.Errorf("round %s: %w", roundCode, err)
		}
		s.mu.Lock()
		s.roundVersions[roundCode] = version
		s.mu.Unlock()
	}
	c, err := s.Catalog(ctx, db, version)
	if err != nil {
		return nil, err
	}
	return c.Ancestors(unit), nil
}

// basis is what v's figures compare with from its previous round: its
// own figures there, or the figures of the units it took over times their
// shares (catalog.LineageOf). ok is false when there is nothing to compare
// with: no previous round, or a unit of the lineage that did not report
// then (a part of the territory would be missing).
func (s *Service) basis(ctx context.Context, db postgres.DBTX, v *View) (b *submission.Basis, ok bool, err error) {
	p := v.previous
	if !p.Found {
		return nil, false, nil
	}
	subs := map[string]postgres.PreviousSubmission{}
	for _, sub := range p.Subs {
		subs[sub.Unit] = sub
	}
	prevCat, err := s.Catalog(ctx, db, p.Round.CatalogVersionID)
	if err != nil {
		return nil, false, err
	}
	lin := v.Catalog.LineageOf(v.Sub.UnitCode, prevCat.LocalDay(p.Round.DueAt), func(code string) bool {
		_, expected := subs[code]
		return expected
	})
	return submission.BasisFrom(v.Sub.UnitCode, lin, func(unit string) (map[string]submission.Amount, bool, error) {
		sub := subs[unit]
		if sub.Revision == 0 {
			return nil, false, nil
		}
		content, err := s.revisionContent(ctx, db, sub.ID, sub.Revision)
		if err != nil {
			return nil, false, err
		}
		spec, err := s.form(p.Round, prevCat, sub.FormCode)
		if err != nil {
			return nil, false, err
		}
		return submission.Amounts(spec, content), true, nil
	}, func(unit string) string { return unitName(v.Catalog, unit) })
}

// unitName is a unit's short name for findings, or its code.
func unitName(c *catalog.Catalog, code string) string {
	if u, ok := c.Unit(code); ok && u.Short != "" {
		return u.Short
	}
	return code
}
