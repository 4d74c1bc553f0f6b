// Package reports produces the province's consolidated report for a round:
// it consolidates the submissions into a snapshot, renders the PDF and the
// workbook, packs them for the Ministry, and stores every file immutably
// with its number, size and checksum.
package reports

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"baocao/internal/catalog"
	"baocao/internal/consolidate"
	"baocao/internal/domain"
	"baocao/internal/intake"
	"baocao/internal/postgres"
)

// Service builds and stores reports.
type Service struct {
	pool   *pgxpool.Pool
	intake *intake.Service
	render Renderer
	// jobs inserts generations and deliveries in the transactions that
	// ask for them.
	jobs *river.Client[pgx.Tx]
	// Notices tells staff of new reports; nil tells nobody.
	Notices StaffNotifier
	// Now is the clock.
	Now func() time.Time
	// Signing signs the official version; without an identity, issuing
	// is refused.
	Signing Signing
	// layouts are the snapshot layouts built so far, by layoutKey (as
	// many as catalog versions times the rounds' sets of indicators),
	// shared by copies of the service.
	layouts *sync.Map
}

// Renderer turns a snapshot into files; it does not touch the database.
// PDF lays the report out and does not read the snapshot after it
// returns: writing what it returns draws the report, the longest part,
// without the units' figures. XLSX writes the workbook to w.
type Renderer interface {
	PDF(s *consolidate.Snapshot, m consolidate.Meta) (io.WriterTo, error)
	XLSX(w io.Writer, s *consolidate.Snapshot, m consolidate.Meta) error
}

// New returns the service; jobs inserts its jobs (an insert-only client,
// jobargs.NewInserter, is enough).
func New(pool *pgxpool.Pool, in *intake.Service, r Renderer, jobs *river.Client[pgx.Tx]) *Service {
	return &Service{pool: pool, intake: in, render: r, jobs: jobs, Now: time.Now, layouts: new(sync.Map)}
}

// RoundInfo is what a snapshot keeps of its round.
func RoundInfo(r domain.Round) consolidate.RoundInfo {
	return consolidate.RoundInfo{Code: r.Code, Kind: r.Kind, Title: r.Title, PeriodStart: r.PeriodStart, PeriodEnd: r.PeriodEnd,
		DueAt: r.DueAt, Year: r.Year, DataFrom: r.DataFrom, Cutoff: r.Cutoff}
}

// Consolidate builds the round's snapshot from the current revision of
// every accepted submission (and submitted ones when includeUnreviewed).
// It reads the round, its units' standings, the previous snapshot and the
// included revisions' sums in one round trip, all of one state of the
// database (postgres.ReadRoundState). The units' own figures are not
// read: a report reads them from the same revisions (the provenance) when
// it is rendered.
func (s *Service) Consolidate(ctx context.Context, roundCode string, includeUnreviewed bool) (*consolidate.Snapshot, domain.Round, error) {
	st, err := postgres.ReadRoundState(ctx, s.pool, roundCode, consolidate.IncludedStatuses(includeUnreviewed))
	r := st.Round
	if err != nil {
		return nil, r, err
	}
	c, err := s.intake.Catalog(ctx, s.pool, r.CatalogVersionID)
	if err != nil {
		return nil, r, err
	}
	snap := s.layout(c, r, st.Forms).Assemble(r.CatalogVersionID, RoundInfo(r), st.Units, includeUnreviewed, st.Totals)
	snap.CreatedAt = s.Now()
	if st.Previous != nil {
		if snap.Comparison, err = s.compare(ctx, c, r.ID, snap, *st.Previous); err != nil {
			return nil, r, err
		}
	}
	snap.SetHash()
	return snap, r, nil
}

// layoutKey names a layout: a catalog version and the indicators asked.
type layoutKey struct {
	version    int64
	indicators string
}

// layout is the snapshot layout of round r, whose units report on forms:
// the indicators the round asks (the forms', or the ad-hoc list) in
// catalog c. Built once per catalog version and indicators, since
// neither ever changes.
func (s *Service) layout(c *catalog.Catalog, r domain.Round, forms []string) *consolidate.Layout {
	asked := map[string]bool{}
	for _, code := range r.Indicators {
		asked[code] = true
	}
	for _, f := range c.Forms {
		if slices.Contains(forms, f.Code) {
			for _, code := range f.Indicators {
				asked[code] = true
			}
		}
	}
	var indicators []string
	for _, ind := range c.Indicators {
		if asked[ind.Code] {
			indicators = append(indicators, ind.Code)
		}
	}
	key := layoutKey{r.CatalogVersionID, strings.Join(indicators, "\x00")}
	if l, ok := s.layouts.Load(key); ok {
		return l.(*consolidate.Layout)
	}
	l, _ := s.layouts.LoadOrStore(key, consolidate.NewLayout(c, indicators))
	return l.(*consolidate.Layout)
}

// compare is snap's year-on-year view against prev, the previous round's
// snapshot. It reads of each side's units only the figures a comparison
// sums: each indicator's overall figure (consolidate.Compare).
func (s *Service) compare(ctx context.Context, c *catalog.Catalog, roundID int64, snap *consolidate.Snapshot, prev postgres.SnapshotRow) (*consolidate.Comparison, error) {
	overall := func(roundID int64, head *consolidate.Snapshot) (*consolidate.Snapshot, error) {
		if head.HasUnits() { // stored whole, before hash version 3
			return head, nil
		}
		f, err := postgres.RevisionFigures(ctx, s.pool, roundID, head.Provenance, true)
		if err != nil {
			return nil, err
		}
		view := *head
		view.Cells = slices.Clone(head.Cells)
		view.Attach(f)
		return &view, nil
	}
	cur, err := overall(roundID, snap)
	if err != nil {
		return nil, err
	}
	before, err := overall(prev.RoundID, prev.Snapshot)
	if err != nil {
		return nil, err
	}
	return consolidate.Compare(cur, before, scope(c, snap, prev.Snapshot)), nil
}

// storeSnapshot stores snap as postgres.InsertSnapshot does, unless the
// round has a snapshot of the same content hashed by an earlier version
// (a round consolidated again after the hash changed): that one is the
// snapshot, and snap takes its hash, so unchanged data still makes
// nothing new. Hashes before version 3 cover the units' figures: snap has
// them attached to be compared with those.
func storeSnapshot(ctx context.Context, tx postgres.DBTX, roundID int64, snap *consolidate.Snapshot) (postgres.SnapshotRow, bool, error) {
	versions, err := postgres.SnapshotHashVersions(ctx, tx, roundID)
	if err != nil {
		return postgres.SnapshotRow{}, false, err
	}
	for _, v := range versions {
		if v == snap.HashVersion {
			continue
		}
		if v < consolidate.HashHeads {
			if err := postgres.AttachUnits(ctx, tx, roundID, snap); err != nil {
				return postgres.SnapshotRow{}, false, err
			}
		}
		hash, err := snap.HashOf(v)
		if err != nil {
			return postgres.SnapshotRow{}, false, err
		}
		row, err := postgres.SnapshotByHash(ctx, tx, roundID, v, hash)
		if err == nil {
			snap.Hash, snap.HashVersion = row.Hash, v
			return row, false, nil
		}
		if !errors.Is(err, domain.ErrNotFound) {
			return postgres.SnapshotRow{}, false, err
		}
	}
	return postgres.InsertSnapshot(ctx, tx, roundID, snap)
}

// scope is which units of cur and of prev cover the same ground, by the
// succession links of cur's catalog c. A unit that also took over ground
// which never reported is left out with the earlier units it reaches,
// and so is any unit sharing one of those: what remains compares like
// with like.
func scope(c *catalog.Catalog, cur, prev *consolidate.Snapshot) consolidate.Scope {
	expected := map[string]bool{}
	for _, u := range prev.Completeness.Units {
		expected[u.Unit] = true
	}
	since := c.LocalDay(prev.Round.DueAt)
	lineages := make([]catalog.Lineage, len(cur.Completeness.Units))
	partial := map[string]bool{} // earlier units whose ground is only partly comparable
	for i, u := range cur.Completeness.Units {
		lineages[i] = c.LineageOf(u.Unit, since, func(code string) bool { return expected[code] })
		if lineages[i].AlsoCovers != "" {
			for _, p := range lineages[i].Reached {
				partial[p] = true
			}
		}
	}
	var sc consolidate.Scope
	reached := map[string]bool{}
	for i, u := range cur.Completeness.Units {
		l := lineages[i]
		if len(l.Reached) == 0 || slices.ContainsFunc(l.Reached, func(p string) bool { return partial[p] }) {
			sc.Outside = append(sc.Outside, u.Unit)
			continue
		}
		sc.Current = append(sc.Current, u.Unit)
		for _, p := range l.Reached {
			if !reached[p] {
				reached[p] = true
				sc.Previous = append(sc.Previous, p)
			}
		}
	}
	return sc
}
