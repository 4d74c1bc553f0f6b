// Package intake receives agencies' submissions: it loads a submission with
// its round's catalog version and form, applies changes from the web form,
// the JSON API or a workbook through the one validation engine, appends
// revisions, and moves submissions through submit and review. Every method
// asks the access policy first.
package intake

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/postgres"
	"baocao/internal/submission"
)

// Service is the intake of submissions.
type Service struct {
	pool *pgxpool.Pool
	now  func() time.Time

	mu       sync.Mutex
	catalogs map[int64]*catalog.Catalog // versions are immutable: cache them
	forms    map[string]*submission.FormSpec
	contents *contentCache // so are revisions
}

// New returns the service.
func New(pool *pgxpool.Pool) *Service {
	return &Service{pool: pool, now: time.Now, catalogs: map[int64]*catalog.Catalog{}, forms: map[string]*submission.FormSpec{},
		contents: newContentCache()}
}

// View is a submission with everything needed to show or change it.
type View struct {
	Round   postgres.Round
	Catalog *catalog.Catalog
	Unit    catalog.Unit
	Spec    *submission.FormSpec
	Sub     postgres.Submission
	Content submission.Content
	Issues  []submission.Issue
	// Previous is the unit's content in its previous round of this kind.
	Previous *submission.Content
}

// ValuesError refuses a change with malformed entries; nothing was saved.
type ValuesError struct {
	Errors []submission.ValueError
}

func (e *ValuesError) Error() string { return fmt.Sprintf("%d malformed values", len(e.Errors)) }

// Unwrap makes a ValuesError an access.ErrInvalid.
func (e *ValuesError) Unwrap() error { return access.ErrInvalid }

// BlockedError refuses submission while errors or unexplained warnings remain.
type BlockedError struct {
	Issues []submission.Issue
}

func (e *BlockedError) Error() string { return "submission blocked by validation issues" }

// Unwrap makes a BlockedError an access.ErrInvalid.
func (e *BlockedError) Unwrap() error { return access.ErrInvalid }

// Catalog returns a stored catalog version, cached.
func (s *Service) Catalog(ctx context.Context, db postgres.DBTX, id int64) (*catalog.Catalog, error) {
	s.mu.Lock()
	c, ok := s.catalogs[id]
	s.mu.Unlock()
	if ok {
		return c, nil
	}
	v, err := postgres.GetCatalogVersion(ctx, db, id)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.catalogs[id] = v.Catalog
	s.mu.Unlock()
	return v.Catalog, nil
}

// AdhocForm is the form code of ad-hoc rounds: the round's own indicators.
const AdhocForm = "DOT-XUAT"

// form returns the form spec a round's unit fills in, cached: its catalog
// form, or for an ad-hoc round the indicators the round asks.
func (s *Service) form(round postgres.Round, c *catalog.Catalog, code string) (*submission.FormSpec, error) {
	key := fmt.Sprintf("%d/%s", round.CatalogVersionID, code)
	if code == AdhocForm {
		key = fmt.Sprintf("round %d", round.ID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := s.forms[key]; ok {
		return f, nil
	}
	if code == AdhocForm {
		spec := submission.BuildForm(c, catalog.Form{Code: AdhocForm, Title: "Báo cáo đột xuất: " + round.Title,
			RoundKinds: []string{catalog.RoundAdhoc}, Indicators: round.Indicators})
		s.forms[key] = spec
		return spec, nil
	}
	for _, f := range c.Forms {
		if f.Code == code {
			spec := submission.BuildForm(c, f)
			s.forms[key] = spec
			return spec, nil
		}
	}
	return nil, fmt.Errorf("form %s missing from catalog version %d", code, round.CatalogVersionID)
}

// load reads a submission and its context within u's scope.
func (s *Service) load(ctx context.Context, db postgres.DBTX, u access.User, roundCode, unit string, forUpdate bool) (*View, error) {
	round, err := postgres.GetRound(ctx, db, roundCode)
	if errors.Is(err, postgres.ErrNotFound) {
		return nil, fmt.Errorf("round %s: %w", roundCode, access.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	c, err := s.Catalog(ctx, db, round.CatalogVersionID)
	if err != nil {
		return nil, err
	}
	sub, err := postgres.GetSubmission(ctx, db, access.ScopeFor(u), round.ID, unit, forUpdate)
	if err != nil {
		return nil, err
	}
	spec, err := s.form(round, c, sub.FormCode)
	if err != nil {
		return nil, err
	}
	content, err := s.revisionContent(ctx, db, sub.ID, sub.Revision)
	if err != nil {
		return nil, err
	}
	unitInfo, _ := c.Unit(unit)
	return &View{Round: round, Catalog: c, Unit: unitInfo, Spec: spec, Sub: sub, Content: content}, nil
}

// validate fills v.Issues, comparing with the unit's previous round.
func (s *Service) validate(ctx context.Context, db postgres.DBTX, v *View) error {
	id, rev, ok, err := postgres.PreviousRevision(ctx, db, v.Sub.UnitCode, v.Round.Kind, v.Round.PeriodStart)
	if err != nil {
		return err
	}
	v.Previous = nil
	if ok {
		prev, err := s.revisionContent(ctx, db, id, rev)
		if err != nil {
			return err
		}
		v.Previous = &prev
	}
	v.Issues = submission.Validate(v.Spec, v.Catalog.Rules, v.Content, v.Previous)
	return nil
}

// revisionContent is a committed revision's content, from the cache when
// it is there (every save compares with the previous round's content).
func (s *Service) revisionContent(ctx context.Context, db postgres.DBTX, submissionID int64, revision int) (submission.Content, error) {
	if c, ok := s.contents.get(submissionID, revision); ok {
		return c, nil
	}
	c, err := postgres.Content(ctx, db, submissionID, revision)
	if err != nil {
		return submission.Content{}, err
	}
	if revision > 0 {
		s.contents.put(submissionID, revision, c)
	}
	return c, nil
}

// Get returns a submission with its findings.
func (s *Service) Get(ctx context.Context, u access.User, roundCode, unit string) (*View, error) {
	if !access.Allow(u, access.ReadSubmission, unit) {
		return nil, access.ErrForbidden
	}
	v, err := s.load(ctx, s.pool, u, roundCode, unit, false)
	if err != nil {
		return nil, err
	}
	return v, s.validate(ctx, s.pool, v)
}

// History returns every revision and status change of a submission.
func (s *Service) History(ctx context.Context, u access.User, roundCode, unit string) ([]postgres.Revision, []postgres.Event, error) {
	if !access.Allow(u, access.ReadSubmission, unit) {
		return nil, nil, access.ErrForbidden
	}
	v, err := s.load(ctx, s.pool, u, roundCode, unit, false)
	if err != nil {
		return nil, nil, err
	}
	revs, err := postgres.ListRevisions(ctx, s.pool, v.Sub.ID)
	if err != nil {
		return nil, nil, err
	}
	events, err := postgres.ListEvents(ctx, s.pool, v.Sub.ID)
	return revs, events, err
}
