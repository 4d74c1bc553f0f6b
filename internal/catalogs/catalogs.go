// Package catalogs stores catalog versions and makes one current, for the
// command line (a folder) and the admin page and API (an uploaded ZIP)
// alike: the folder or ZIP is read by package catalog, the version stored
// and previewed against the current one here, every act written to the
// audit log.
package catalogs

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/postgres"
)

// lockKey serialises catalog loads from several processes.
const lockKey = 0x6361_7461_6c6f // "catalo"

// Lock takes the catalog lock for the rest of tx.
func Lock(ctx context.Context, tx pgx.Tx) error {
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", lockKey); err != nil {
		return fmt.Errorf("lock the catalog: %w", err)
	}
	return nil
}

// Service stores and activates catalog versions.
type Service struct {
	pool *pgxpool.Pool
}

// New returns a Service on pool.
func New(pool *pgxpool.Pool) *Service { return &Service{pool: pool} }

// Actor is who acts, as the audit log names them: a signed-in user, or
// an operator's command (ID nil).
type Actor struct {
	ID   *int64
	Name string
	IP   string
}

// ActorOf is a signed-in user as an Actor.
func ActorOf(u access.User, ip string) Actor {
	id := u.ID
	return Actor{ID: &id, Name: u.Username, IP: ip}
}

func (a Actor) entry(action string, version int64, details map[string]any) domain.AuditEntry {
	target := ""
	if version != 0 {
		target = strconv.FormatInt(version, 10)
	}
	return domain.AuditEntry{ActorID: a.ID, Actor: a.Name, Action: action, Target: target, IP: a.IP, Details: details}
}

// Version is a stored version and what making it current would change.
type Version struct {
	ID   int64
	Name string
	Hash string
	// LoadedAt is when the version was stored.
	LoadedAt time.Time
	// Current says the version is already the current one.
	Current bool
	Summary catalog.Summary
	Changes catalog.Changes
}

// Load stores c as a version and makes it current at once, as `baocao
// catalog load` does. Identical content is a no-op (changed is false).
func (s *Service) Load(ctx context.Context, actor Actor, name string, c *catalog.Catalog) (id int64, changed bool, err error) {
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := Lock(ctx, tx); err != nil {
			return err
		}
		if id, changed, err = postgres.SaveCatalog(ctx, tx, name, c); err != nil || !changed {
			return err
		}
		return postgres.Audit(ctx, tx, actor.entry("catalog_loaded", id, map[string]any{"name": name, "hash": c.Hash()}))
	})
	if err != nil {
		return 0, false, fmt.Errorf("load catalog %s: %w", name, err)
	}
	return id, changed, nil
}

// Upload reads a catalog folder packed as a ZIP and stores it as a
// version that is not yet current; it returns the version with what it
// would change. A refused ZIP is a *catalog.ArchiveError, a broken
// catalog catalog.Problems; both are audited too.
func (s *Service) Upload(ctx context.Context, actor Actor, filename string, data []byte) (*Version, error) {
	c, name, err := catalog.LoadArchive(data, filename, catalog.DefaultArchiveLimits)
	if err != nil {
		details := map[string]any{"file": filename, "size": len(data)}
		var problems catalog.Problems
		if errors.As(err, &problems) {
			details["problems"] = len(problems)
		} else {
			details["error"] = err.Error()
		}
		if aerr := postgres.Audit(ctx, s.pool, actor.entry("catalog_rejected", 0, details)); aerr != nil {
			return nil, aerr
		}
		return nil, err
	}
	var id int64
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := Lock(ctx, tx); err != nil {
			return err
		}
		if id, err = postgres.StoreCatalogVersion(ctx, tx, name, c); err != nil {
			return err
		}
		return postgres.Audit(ctx, tx, actor.entry("catalog_uploaded", id, map[string]any{"name": name, "hash": c.Hash(), "file": filename}))
	})
	if err != nil {
		return nil, fmt.Errorf("store uploaded catalog %s: %w", name, err)
	}
	return s.Preview(ctx, id)
}

// Preview is the stored version id with what making it current would
// change; an unknown id is domain.ErrNotFound.
func (s *Service) Preview(ctx context.Context, id int64) (*Version, error) {
	v, err := postgres.GetCatalogVersion(ctx, s.pool, id)
	if errors.Is(err, domain.ErrNoCatalog) {
		return nil, fmt.Errorf("catalog version %d: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	prev := &catalog.Catalog{}
	cur, err := postgres.CurrentCatalog(ctx, s.pool)
	switch {
	case err == nil:
		prev = cur.Catalog
	case !errors.Is(err, domain.ErrNoCatalog):
		return nil, err
	}
	return &Version{ID: v.ID, Name: v.Name, Hash: v.Hash, LoadedAt: v.LoadedAt,
		Current: cur != nil && cur.ID == v.ID, Summary: v.Catalog.Summarize(), Changes: catalog.Diff(prev, v.Catalog)}, nil
}

// Current is the version in force, with its counts; domain.ErrNotFound
// when no catalog was ever loaded.
func (s *Service) Current(ctx context.Context) (*Version, error) {
	v, err := postgres.CurrentCatalog(ctx, s.pool)
	if errors.Is(err, domain.ErrNoCatalog) {
		return nil, fmt.Errorf("current catalog: %w", domain.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return &Version{ID: v.ID, Name: v.Name, Hash: v.Hash, LoadedAt: v.LoadedAt, Current: true,
		Summary: v.Catalog.Summarize()}, nil
}

// Activate makes the stored version id current. Rounds already opened
// keep the version they were opened on. An unknown id is
// domain.ErrNotFound; activating the current version changes nothing and
// is not audited again.
func (s *Service) Activate(ctx context.Context, actor Actor, id int64) (changed bool, err error) {
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := Lock(ctx, tx); err != nil {
			return err
		}
		details := map[string]any{}
		if cur, err := postgres.CurrentCatalog(ctx, tx); err == nil {
			details["previous"] = cur.ID
		} else if !errors.Is(err, domain.ErrNoCatalog) {
			return err
		}
		if changed, err = postgres.MakeCatalogCurrent(ctx, tx, id); err != nil || !changed {
			return err
		}
		return postgres.Audit(ctx, tx, actor.entry("catalog_activated", id, details))
	})
	if errors.Is(err, domain.ErrNoCatalog) {
		return false, fmt.Errorf("catalog version %d: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return false, fmt.Errorf("activate catalog version %d: %w", id, err)
	}
	return changed, nil
}

// Versions lists the stored versions, newest first, with the rounds
// opened on each.
func (s *Service) Versions(ctx context.Context) ([]domain.CatalogVersionInfo, error) {
	return postgres.ListCatalogVersions(ctx, s.pool)
}

// InForce returns the current version with its catalog;
// domain.ErrNoCatalog when none was ever loaded.
func (s *Service) InForce(ctx context.Context) (*domain.CatalogVersion, error) {
	return postgres.CurrentCatalog(ctx, s.pool)
}
