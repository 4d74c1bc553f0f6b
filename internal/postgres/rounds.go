package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/access"
	"baocao/internal/domain"
)

// SetRoundStatus changes a round's status (open, locked).
func SetRoundStatus(ctx context.Context, db DBTX, id int64, status string, at time.Time) error {
	_, err := db.Exec(ctx, "UPDATE rounds SET status = $2, locked_at = CASE WHEN $2 = 'locked' THEN $3::timestamptz ELSE NULL END WHERE id = $1", id, status, at)
	if err != nil {
		return fmt.Errorf("set round status: %w", err)
	}
	return nil
}

// ListOpenRounds returns the rounds still open.
func ListOpenRounds(ctx context.Context, db DBTX) ([]domain.Round, error) {
	return queryAll(ctx, db, "list open rounds", pgx.RowToStructByPos[domain.Round], "SELECT "+roundColumns+" FROM rounds WHERE status = 'open' ORDER BY due_at, id")
}

const roundColumns = `id, code, kind, title, period_start, period_end, due_at, catalog_version_id, status, created_at,
	indicators, created_by, locked_at, year, data_from, cutoff`

// CreateRound stores a round and the units it expects; a zero CreatedAt
// means now, a zero Year the year of PeriodEnd, a zero data window the
// period. A second annual round for a year is ErrAnnualExists.
func CreateRound(ctx context.Context, db DBTX, r domain.Round, units []domain.RoundUnit) (domain.Round, error) {
	if r.CreatedBy == "" {
		r.CreatedBy = "system"
	}
	if r.Year == 0 {
		r.Year = r.PeriodEnd.Year()
	}
	if r.DataFrom.IsZero() {
		r.DataFrom = r.PeriodStart
	}
	if r.Cutoff.IsZero() {
		r.Cutoff = r.PeriodEnd
	}
	var createdAt *time.Time
	if !r.CreatedAt.IsZero() {
		createdAt = &r.CreatedAt
	}
	err := db.QueryRow(ctx, `INSERT INTO rounds (code, kind, title, period_start, period_end, due_at, catalog_version_id, indicators, created_by, created_at,
			year, data_from, cutoff)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10, now()), $11, $12, $13) RETURNING id, status, created_at`,
		r.Code, r.Kind, r.Title, r.PeriodStart, r.PeriodEnd, r.DueAt, r.CatalogVersionID, r.Indicators, r.CreatedBy, createdAt,
		r.Year, r.DataFrom, r.Cutoff).Scan(&r.ID, &r.Status, &r.CreatedAt)
	if isUniqueViolation(err, "rounds_one_annual_per_year") {
		return domain.Round{}, fmt.Errorf("create round %s: year %d: %w", r.Code, r.Year, domain.ErrAnnualExists)
	}
	if err != nil {
		return domain.Round{}, fmt.Errorf("create round %s: %w", r.Code, err)
	}
	// One statement per table however many units: a round of a national
	// catalog expects thousands.
	codes, forms := make([]string, len(units)), make([]string, len(units))
	for i, u := range units {
		codes[i], forms[i] = u.UnitCode, u.FormCode
	}
	if _, err := db.Exec(ctx, `INSERT INTO round_units (round_id, unit_code, form_code)
		SELECT $1, unit_code, form_code FROM unnest($2::text[], $3::text[]) AS t(unit_code, form_code)`, r.ID, codes, forms); err != nil {
		return domain.Round{}, fmt.Errorf("create round %s: units: %w", r.Code, err)
	}
	if _, err := db.Exec(ctx, "INSERT INTO submissions (round_id, unit_code) SELECT $1, unnest($2::text[])", r.ID, codes); err != nil {
		return domain.Round{}, fmt.Errorf("create round %s: submissions: %w", r.Code, err)
	}
	return r, nil
}

// GetRound returns the round with code.
func GetRound(ctx context.Context, db DBTX, code string) (domain.Round, error) {
	return oneRound(ctx, db, "round "+code, "code = $1", code)
}

// oneRound reads the round where says; what names it in errors.
func oneRound(ctx context.Context, db DBTX, what, where string, args ...any) (domain.Round, error) {
	rows, err := db.Query(ctx, "SELECT "+roundColumns+" FROM rounds WHERE "+where, args...)
	if err != nil {
		return domain.Round{}, fmt.Errorf("read %s: %w", what, err)
	}
	r, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[domain.Round])
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.Round{}, fmt.Errorf("%s: %w", what, domain.ErrNotFound)
	}
	if err != nil {
		return domain.Round{}, fmt.Errorf("read %s: %w", what, err)
	}
	return r, nil
}

// ListRounds returns the rounds visible in scope (an agency sees the rounds
// that expect it), newest deadline first.
func ListRounds(ctx context.Context, db DBTX, scope access.Scope) ([]domain.Round, error) {
	return queryAll(ctx, db, "list rounds", pgx.RowToStructByPos[domain.Round], "SELECT "+roundColumns+` FROM rounds r
		WHERE $1 = '' OR EXISTS (SELECT 1 FROM round_units ru WHERE ru.round_id = r.id AND ru.unit_code = $1)
		ORDER BY due_at DESC, id DESC`, scope.Unit)
}

// AnnualRoundOf returns the annual round of year.
func AnnualRoundOf(ctx context.Context, db DBTX, year int) (domain.Round, error) {
	return oneRound(ctx, db, fmt.Sprintf("annual round %d", year), "kind = 'annual' AND year = $1", year)
}

// ListRoundUnits returns the units a round expects, by unit code.
func ListRoundUnits(ctx context.Context, db DBTX, roundID int64) ([]domain.RoundUnit, error) {
	return queryAll(ctx, db, "list round units", pgx.RowToStructByPos[domain.RoundUnit], "SELECT unit_code, form_code FROM round_units WHERE round_id = $1 ORDER BY unit_code", roundID)
}

// ExtendDeadline records an extension and applies it: the round's
// deadline, or the unit's own.
func ExtendDeadline(ctx context.Context, tx DBTX, e domain.DeadlineExtension) error {
	if _, err := tx.Exec(ctx, `INSERT INTO deadline_extensions (round_id, unit_code, old_due_at, new_due_at, reason, actor)
		VALUES ($1, $2, $3, $4, $5, $6)`, e.RoundID, e.Unit, e.OldDueAt, e.NewDueAt, e.Reason, e.Actor); err != nil {
		return fmt.Errorf("record deadline extension: %w", err)
	}
	var err error
	if e.Unit == nil {
		_, err = tx.Exec(ctx, "UPDATE rounds SET due_at = $2 WHERE id = $1", e.RoundID, e.NewDueAt)
	} else {
		_, err = tx.Exec(ctx, "UPDATE round_units SET due_at = $3, due_reason = $4 WHERE round_id = $1 AND unit_code = $2",
			e.RoundID, *e.Unit, e.NewDueAt, e.Reason)
	}
	if err != nil {
		return fmt.Errorf("extend deadline: %w", err)
	}
	return nil
}
