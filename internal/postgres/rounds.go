package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Round is a reporting round as stored.
type Round struct {
	ID               int64
	Code             string
	Kind             string
	Title            string
	PeriodStart      time.Time
	PeriodEnd        time.Time
	DueAt            time.Time
	CatalogVersionID int64
	Status           string
	CreatedAt        time.Time
}

// RoundUnit is a unit a round expects, with the form it reports on.
type RoundUnit struct {
	UnitCode string
	FormCode string
}

// ErrNotFound means the row asked for does not exist.
var ErrNotFound = errors.New("not found")

// CreateRound stores a round and the units it expects.
func CreateRound(ctx context.Context, db DBTX, r Round, units []RoundUnit) (Round, error) {
	err := db.QueryRow(ctx, `INSERT INTO rounds (code, kind, title, period_start, period_end, due_at, catalog_version_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, status, created_at`,
		r.Code, r.Kind, r.Title, r.PeriodStart, r.PeriodEnd, r.DueAt, r.CatalogVersionID).Scan(&r.ID, &r.Status, &r.CreatedAt)
	if err != nil {
		return Round{}, fmt.Errorf("create round %s: %w", r.Code, err)
	}
	for _, u := range units {
		if _, err := db.Exec(ctx, "INSERT INTO round_units (round_id, unit_code, form_code) VALUES ($1, $2, $3)",
			r.ID, u.UnitCode, u.FormCode); err != nil {
			return Round{}, fmt.Errorf("create round %s: unit %s: %w", r.Code, u.UnitCode, err)
		}
		if _, err := db.Exec(ctx, "INSERT INTO submissions (round_id, unit_code) VALUES ($1, $2)", r.ID, u.UnitCode); err != nil {
			return Round{}, fmt.Errorf("create round %s: submission of %s: %w", r.Code, u.UnitCode, err)
		}
	}
	return r, nil
}

// GetRound returns the round with code.
func GetRound(ctx context.Context, db DBTX, code string) (Round, error) {
	var r Round
	err := db.QueryRow(ctx, `SELECT id, code, kind, title, period_start, period_end, due_at, catalog_version_id, status, created_at
		FROM rounds WHERE code = $1`, code).Scan(&r.ID, &r.Code, &r.Kind, &r.Title, &r.PeriodStart, &r.PeriodEnd,
		&r.DueAt, &r.CatalogVersionID, &r.Status, &r.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return Round{}, fmt.Errorf("round %s: %w", code, ErrNotFound)
	}
	if err != nil {
		return Round{}, fmt.Errorf("read round %s: %w", code, err)
	}
	return r, nil
}

// ListRounds returns every round, newest period first.
func ListRounds(ctx context.Context, db DBTX) ([]Round, error) {
	rows, err := db.Query(ctx, `SELECT id, code, kind, title, period_start, period_end, due_at, catalog_version_id, status, created_at
		FROM rounds ORDER BY period_end DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list rounds: %w", err)
	}
	rounds, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Round])
	if err != nil {
		return nil, fmt.Errorf("list rounds: %w", err)
	}
	return rounds, nil
}

// ListRoundUnits returns the units a round expects, by unit code.
func ListRoundUnits(ctx context.Context, db DBTX, roundID int64) ([]RoundUnit, error) {
	rows, err := db.Query(ctx, "SELECT unit_code, form_code FROM round_units WHERE round_id = $1 ORDER BY unit_code", roundID)
	if err != nil {
		return nil, fmt.Errorf("list round units: %w", err)
	}
	units, err := pgx.CollectRows(rows, pgx.RowToStructByPos[RoundUnit])
	if err != nil {
		return nil, fmt.Errorf("list round units: %w", err)
	}
	return units, nil
}
