// Package intake receives agencies' submissions: it loads a submission with
// its round's catalog version and form, applies changes from the web form,
// the JSON API or a workbook through the one validation engine, appends
// revisions, and moves submissions through submit and review. Every method
// asks the access policy first.
package intake

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"golang.org/x/sync/singleflight"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/postgres"
	"baocao/internal/submission"
)

// Service is the intake of submissions.
type Service struct {
	pool *pgxpool.Pool
	// jobs inserts the import of an upload in the upload's transaction.
	jobs *river.Client[pgx.Tx]
	// Now is the clock submissions and reviews are timed by; tests drive
	// it.
	Now func() time.Time

	mu       sync.Mutex
	catalogs map[int64]*catalog.Catalog // versions are immutable: cache them
	loading  singleflight.Group         // catalog versions being read, by id
	// units indexes each cached version's units by code: a national
	// catalog has thousands, and every request names one.
	units    map[*catalog.Catalog]map[string]int
	forms    map[formKey]*submission.FormSpec
	contents *contentCache // so are revisions
	// roundVersions is each round's catalog version, by round code.
	roundVersions map[string]int64

	// Notices tells units of staff decisions on their reports; nil sends
	// none.
	Notices Notifier
}

// New returns the service; jobs inserts its jobs (an insert-only client,
// jobargs.NewInserter, is enough).
func New(pool *pgxpool.Pool, jobs *river.Client[pgx.Tx]) *Service {
	return &Service{pool: pool, jobs: jobs, Now: time.Now, catalogs: map[int64]*catalog.Catalog{}, units: map[*catalog.Catalog]map[string]int{},
		forms:    map[formKey]*submission.FormSpec{},
		contents: newContentCache(), roundVersions: map[string]int64{}}
}

// View is a submission with everything needed to show or change it.
type View struct {
	Round   domain.Round
	Catalog *catalog.Catalog
	Unit    catalog.Unit
	Spec    *submission.FormSpec
	Sub     domain.Submission
	Content submission.Content
	Issues  []submission.Issue
	// Previous is what the unit's figures compare with from its previous
	// round of this kind (nil when nothing).
	Previous *submission.Basis

	// previous is that round and its submissions of the unit's lineage,
	// read with the submission.
	previous postgres.PreviousRound
}

// ValuesError refuses a change with malformed entries; nothing was saved.
type ValuesError struct {
	Errors []submission.ValueError
}

func (e *ValuesError) Error() string { return fmt.Sprintf("%d malformed values", len(e.Errors)) }

// Unwrap makes a ValuesError an domain.ErrInvalid.
func (e *ValuesError) Unwrap() error { return domain.ErrInvalid }

// BlockedError refuses submission while errors or unexplained warnings remain.
type BlockedError struct {
	Issues []submission.Issue
}

func (e *BlockedError) Error() string { return "submission blocked by validation issues" }

// Unwrap makes a BlockedError an domain.ErrInvalid.
func (e *BlockedError) Unwrap() error { return domain.ErrInvalid }

// StaleError refuses a change made on a revision that is no longer the
// current one: someone saved since. Current is the revision to read again.
type StaleError struct {
	Given, Current int
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("revision %d is stale, current is %d", e.Given, e.Current)
}

// Unwrap makes a StaleError an domain.ErrConflict.
func (e *StaleError) Unwrap() error { return domain.ErrConflict }

// Catalog returns a stored catalog version, cached.
func (s *Service) Catalog(ctx context.Context, db postgres.DBTX, id int64) (*catalog.Catalog, error) {
	s.mu.Lock()
	c, ok := s.catalogs[id]
	s.mu.Unlock()
	if ok {
		return c, nil
	}
	// Requests that find it missing at once (every agency's first save
	// after a start) wait for one of them to read and decode it.
	loaded, err, shared := s.loading.Do(strconv.FormatInt(id, 10), func() (any, error) {
		return s.loadCatalog(ctx, db, id)
	})
	if err != nil && shared {
		// The reader's failure may be its own (its context, its
		// transaction): read it with ours.
		return s.loadCatalog(ctx, db, id)
	}
	if err != nil {
		return nil, err
	}
	return loaded.(*catalog.Catalog), nil
}

// loadCatalog reads a catalog version and caches it with its units' index.
func (s *Service) loadCatalog(ctx context.Context, db postgres.DBTX, id int64) (*catalog.Catalog, error) {
	v, err := postgres.GetCatalogVersion(ctx, db, id)
	if err != nil {
		return nil, err
	}
	index := make(map[string]int, len(v.Catalog.Units))
	for i, u := range v.Catalog.Units {
		if _, dup := index[u.Code]; !dup { // the first, as Catalog.Unit finds it
			index[u.Code] = i
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.catalogs[id]; ok { // another request loaded it meanwhile
		return c, nil
	}
	s.catalogs[id] = v.Catalog
	s.units[v.Catalog] = index
	return v.Catalog, nil
}

// unit returns the unit with code of a catalog Catalog returned.
func (s *Service) unit(c *catalog.Catalog, code string) catalog.Unit {
	s.mu.Lock()
	i, ok := s.units[c][code]
	s.mu.Unlock()
	if !ok {
		return catalog.Unit{}
	}
	return c.Units[i]
}

// AdhocForm is the form code of ad-hoc rounds: the round's own indicators.
const AdhocForm = "DOT-XUAT"

// formKey names a cached form: a catalog version's form, or an ad-hoc
// round's.
type formKey struct {
	version int64
	form    string
	round   int64
}

// form returns the form spec a round's unit fills in, cached: its catalog
// form, or for an ad-hoc round the indicators the round asks.
func (s *Service) form(round domain.Round, c *catalog.Catalog, code string) (*submission.FormSpec, error) {
	key := formKey{version: round.CatalogVersionID, form: code}
	if code == AdhocForm {
		key = formKey{round: round.ID}
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

// batchDB runs statements one by one or in batches: a pool or a
// transaction.
type batchDB interface {
	postgres.DBTX
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// load reads a submission and its context within u's scope, in one round
// trip; forUpdate locks its row until db's transaction ends.
func (s *Service) load(ctx context.Context, db batchDB, u access.User, roundCode, unit string, forUpdate bool) (*View, error) {
	v, _, err := s.read(ctx, db, u, roundCode, unit, postgres.ReadOptions{Lock: forUpdate})
	return v, err
}

// read reads a submission and its context within u's scope as opt says, in
// one round trip (see postgres.QueueReadSubmission), and builds its view.
func (s *Service) read(ctx context.Context, db batchDB, u access.User, roundCode, unit string, opt postgres.ReadOptions) (*View, *postgres.SubmissionRead, error) {
	lineage, err := s.lineage(ctx, db, roundCode, unit)
	if err != nil {
		return nil, nil, err
	}
	b := &pgx.Batch{}
	opt.Lineage = lineage
	read := postgres.QueueReadSubmission(b, access.ScopeFor(u), roundCode, unit, opt)
	if err := db.SendBatch(ctx, b).Close(); err != nil {
		return nil, nil, err
	}
	v, err := s.view(ctx, db, read, roundCode, unit)
	return v, read, err
}

// maxAttempts bounds how many times change starts over when the
// submission changed under it: each retry follows someone else's committed
// change of the same submission, so more than a few means a storm of them.
const maxAttempts = 8

// change makes one change to a submission, optimistically: it reads the
// submission and its context in one batch, without a lock; apply checks
// the change against what was read and queues its writes; the writes go
// in one batch, one transaction, behind the check that the submission is
// still at the revision and status read (postgres.QueueExpectSubmission).
// If someone else's change committed in between, nothing was written and
// the change starts over from fresh reads, where apply judges it again (a
// save on a revision that is no longer current is then stale). Two round
// trips in all, where a transaction of its own would take four (BEGIN and
// COMMIT); saves and submits insert no jobs, so they need none.
//
// apply queuing nothing writes nothing. On an error nothing was written.
func (s *Service) change(ctx context.Context, u access.User, roundCode, unit string, opt postgres.ReadOptions,
	apply func(v *View, read *postgres.SubmissionRead, writes *pgx.Batch) error) (*View, error) {
	for attempt := 1; ; attempt++ {
		v, read, err := s.read(ctx, s.pool, u, roundCode, unit, opt)
		if err != nil {
			return nil, err
		}
		writes := &pgx.Batch{}
		postgres.QueueExpectSubmission(writes, v.Sub)
		if err := apply(v, read, writes); err != nil {
			return nil, err
		}
		if writes.Len() == 1 {
			return v, nil
		}
		err = s.pool.SendBatch(ctx, writes).Close()
		if err == nil {
			return v, nil
		}
		if !postgres.SubmissionChanged(err) {
			return nil, err
		}
		if attempt == maxAttempts {
			return nil, fmt.Errorf("submission %s/%s changed %d times while being changed: %w", roundCode, unit, attempt, domain.ErrConflict)
		}
	}
}

// view builds a submission's view from what was read: its catalog and form
// (cached) and its content (from the revision cache when there).
func (s *Service) view(ctx context.Context, db postgres.DBTX, read *postgres.SubmissionRead, roundCode, unit string) (*View, error) {
	if !read.RoundFound {
		return nil, fmt.Errorf("round %s: %w", roundCode, domain.ErrNotFound)
	}
	c, err := s.Catalog(ctx, db, read.Round.CatalogVersionID)
	if err != nil {
		return nil, err
	}
	if err := read.CheckSubmission(unit); err != nil {
		return nil, err
	}
	spec, err := s.form(read.Round, c, read.Sub.FormCode)
	if err != nil {
		return nil, err
	}
	content, err := s.revisionContent(ctx, db, read.Sub.ID, read.Sub.Revision)
	if err != nil {
		return nil, err
	}
	unitInfo := s.unit(c, unit)
	return &View{Round: read.Round, Catalog: c, Unit: unitInfo, Spec: spec, Sub: read.Sub, Content: content,
		previous: read.Previous}, nil
}

// validate fills v.Issues, comparing with the unit's previous round.
func (s *Service) validate(ctx context.Context, db postgres.DBTX, v *View) error {
	b, ok, err := s.basis(ctx, db, v)
	if err != nil {
		return err
	}
	v.Previous = nil
	if ok {
		v.Previous = b
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
		return nil, domain.ErrForbidden
	}
	v, err := s.load(ctx, s.pool, u, roundCode, unit, false)
	if err != nil {
		return nil, err
	}
	return v, s.validate(ctx, s.pool, v)
}

// History returns every revision and status change of a submission.
func (s *Service) History(ctx context.Context, u access.User, roundCode, unit string) ([]domain.Revision, []domain.Event, error) {
	if !access.Allow(u, access.ReadSubmission, unit) {
		return nil, nil, domain.ErrForbidden
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

// Standing is the submission's standing against its round's deadline.
func (v *View) Standing() submission.Standing { return v.Sub.Standing(v.Round.DueAt) }

// OnTime is the standing as yes or no, nil while nothing counts as
// submitted (the "on_time" of the API).
func (v *View) OnTime() *bool {
	st := v.Standing()
	if !st.Submitted() {
		return nil
	}
	onTime := st == submission.StandingOnTime
	return &onTime
}

// OpenFor reports whether the round takes the unit's changes at now
// (OpenTo).
func (v *View) OpenFor(now time.Time) bool { return OpenTo(v.Round, v.Sub, now) }

// OpenTo reports whether round r takes the changes of sub's unit at now:
// an open round does; a locked one does while staff have given the unit a
// deadline of its own that has not passed (reopened for that unit).
func OpenTo(r domain.Round, sub domain.Submission, now time.Time) bool {
	return r.Status == "open" || (sub.UnitDueAt != nil && now.Before(*sub.UnitDueAt))
}
