package demo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/postgres"
	catalogs "baocao/templates/catalog"
)

// Generate makes a round's report set as the reports service does, with
// its clock at at, and returns the set's number (reports.Service.Generate).
type Generate func(ctx context.Context, round string, at time.Time) (number int, err error)

// IssueReports issues the report of every closed demo round that has no
// final report yet, as staff did that November: consolidated and
// rendered on the day by generate (the issuer, recipients and signer in
// force then), then marked final the next morning.
func IssueReports(ctx context.Context, pool *pgxpool.Pool, logger *slog.Logger, generate Generate) error {
	v, err := postgres.CurrentCatalog(ctx, pool)
	if err != nil {
		return err
	}
	staff, _, err := postgres.UserByUsername(ctx, pool, "staff")
	if err != nil {
		return fmt.Errorf("demo account staff: %w", err)
	}
	for y := firstYear; y < openYear(v.Catalog, Now()); y++ {
		r, err := postgres.AnnualRoundOf(ctx, pool, y)
		if errors.Is(err, domain.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if done, err := hasFinalReport(ctx, pool, r.ID); err != nil || done {
			return err
		}
		cv, err := postgres.GetCatalogVersion(ctx, pool, r.CatalogVersionID)
		if err != nil {
			return err
		}
		c := cv.Catalog
		at := reportDate(c, y)
		number, err := generate(ctx, r.Code, at)
		if err != nil {
			return fmt.Errorf("demo report of %s: %w", r.Code, err)
		}
		if err := markIssued(ctx, pool, r, number, staff, at); err != nil {
			return err
		}
		logger.Info("demo report issued", "round", r.Code, "number", number, "date", at.In(c.Location()).Format(time.DateOnly))
	}
	return nil
}

// reportDate is when a closed demo round's report was made: two days
// before the schedule's report deadline, at nine.
func reportDate(c *catalog.Catalog, year int) time.Time {
	d := monthDay(year, c.Schedules.Annual.ReportDue).AddDate(0, 0, -2)
	return time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, c.Location())
}

func hasFinalReport(ctx context.Context, db postgres.DBTX, roundID int64) (bool, error) {
	var done bool
	err := db.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM reports WHERE round_id = $1 AND final)", roundID).Scan(&done)
	if err != nil {
		return false, fmt.Errorf("demo reports: %w", err)
	}
	return done, nil
}

// markIssued marks the report set final the morning after it was made,
// dating its files from the day they were made, as staff's "mark final"
// would have.
func markIssued(ctx context.Context, pool *pgxpool.Pool, r domain.Round, number int, staff access.User, made time.Time) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if err := postgres.MarkReportsFinal(ctx, tx, r.ID, number); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE reports SET created_at = $3 WHERE round_id = $1 AND number = $2", r.ID, number, made); err != nil {
			return fmt.Errorf("date demo report: %w", err)
		}
		return insertAudit(ctx, tx, domain.AuditEntry{At: made.Add(24 * time.Hour), ActorID: &staff.ID, Actor: staff.Username,
			Action: "report_final", Target: fmt.Sprintf("%s/%d", r.Code, number), Details: map[string]any{"destinations": 0}})
	})
}

// StoreCatalogs stores the shipped catalogs the demo plays on: Kiên
// Giang's, for its 2024 round, as a version, and An Giang's as the
// current one. Identical content is a no-op.
func StoreCatalogs(ctx context.Context, db postgres.DBTX) (*catalog.Catalog, error) {
	kg, err := catalogs.Load(catalogs.KienGiang)
	if err != nil {
		return nil, err
	}
	ag, err := catalogs.Load(catalogs.AnGiang)
	if err != nil {
		return nil, err
	}
	if _, err := postgres.StoreCatalogVersion(ctx, db, catalogs.KienGiang, kg); err != nil {
		return nil, err
	}
	if _, _, err := postgres.SaveCatalog(ctx, db, catalogs.AnGiang, ag); err != nil {
		return nil, err
	}
	return ag, nil
}
