package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/consolidate"
	"baocao/internal/domain"
	"baocao/internal/submission"
)

// RoundState is what a consolidation reads of its round before it sums:
// the round, each expected unit's standing, and the snapshot its figures
// are compared with.
type RoundState struct {
	Round domain.Round
	// Units are the expected units' standings by unit code, each with
	// its submission's current revision; what Assemble judges.
	Units []consolidate.UnitStatus
	// Forms are the forms the units report on, each once.
	Forms []string
	// Previous is the snapshot the round's figures are compared with
	// year on year (its units' figures not attached): of the most recent
	// annual round that ended before this one started, the one its latest
	// final report was made from, else its newest. Nil when there is none,
	// and for an ad-hoc round, whose period is whatever staff chose.
	Previous *SnapshotRow
	// Totals are the province figures of the included units' current
	// revisions, those Units name (Totals and Derived; no unit's own).
	Totals consolidate.Figures
}

// roundByCode is the id of the round $1 names.
const roundByCode = `(SELECT id FROM rounds WHERE code = $1)`

// roundStandings are the expected units' standings: only what Assemble
// reads of a submission, with the unit's form and own deadline.
const roundStandings = `SELECT s.unit_code, ru.form_code, s.status, s.revision, s.submitted_at, s.first_submitted_at, ru.due_at, ru.due_reason
	FROM submissions s JOIN round_units ru ON ru.round_id = s.round_id AND ru.unit_code = s.unit_code
	WHERE s.round_id = ` + roundByCode + ` ORDER BY s.unit_code`

const previousSnapshot = `SELECT s.id, s.round_id, s.hash, s.hash_version, s.created_at, s.content
	FROM rounds cur
	JOIN rounds ro ON ro.kind = 'annual' AND ro.period_end < cur.period_start
	JOIN snapshots s ON s.round_id = ro.id
	WHERE cur.id = ` + roundByCode + ` AND cur.kind = 'annual'
	ORDER BY ro.period_end DESC, ro.id DESC,
		EXISTS (SELECT 1 FROM reports r WHERE r.snapshot_id = s.id AND r.final) DESC, s.created_at DESC, s.id DESC
	LIMIT 1`

// roundTotals sums the current values of the round's submissions in the
// statuses $2 by the aggregation rules: a row per cell, and a row per
// dimensioned indicator, the sum of its cells' sums (one pass over the
// values; the second sums a few hundred cells). Numbers are summed as
// numeric, exactly, and cast to float8 once, which rounds to the nearest
// float64: 0.1 + 0.2 is 0.3. A rate's parts are summed where both are
// entered (never averaged), yes answers counted; texts have no sum. The
// current rows (valid_until NULL) are the rows of each submission's
// current revision (one that never saved has none), read in the same
// snapshot as its standing: they are the revisions the provenance names.
const roundTotals = `WITH cells AS (
	SELECT v.key, sum(v.number) AS number,
		sum(v.numerator) FILTER (WHERE v.denominator IS NOT NULL) AS numerator,
		sum(v.denominator) FILTER (WHERE v.numerator IS NOT NULL) AS denominator,
		count(v.answer) AS answers, count(v.answer) FILTER (WHERE v.answer) AS yes
	FROM submissions s JOIN submission_values v ON v.submission_id = s.id AND v.valid_until IS NULL
	WHERE s.round_id = ` + roundByCode + ` AND s.status = ANY($2)
	GROUP BY v.key)
SELECT 'cell', key, number::float8, numerator::float8, denominator::float8, answers, yes FROM cells
UNION ALL
SELECT 'indicator', split_part(key, '|', 1), sum(number)::float8, sum(numerator)::float8, sum(denominator)::float8,
	sum(answers)::int8, sum(yes)::int8
FROM cells WHERE strpos(key, '|') > 0 GROUP BY 2`

// ReadRoundState reads the round with code and what a consolidation
// needs of it, the figures of the submissions in the included statuses
// summed, in one round trip. The reads run in one read-only transaction
// of their own at REPEATABLE READ, so they see one state of the
// database: what is summed is exactly the revisions the standings name,
// whatever a unit saves meanwhile. It opens that transaction itself, so
// it takes a pool, never a transaction. A round that does not exist is
// domain.ErrNotFound.
func ReadRoundState(ctx context.Context, pool *pgxpool.Pool, code string, included []submission.Status) (RoundState, error) {
	st := RoundState{Totals: consolidate.NewFigures()}
	b := &pgx.Batch{}
	b.Queue("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
	// Every parameter below reaches the plan through a subquery on the
	// round's code, or is the statuses' short list: a plan made for one
	// round serves all, so a connection plans them once, not on each of
	// its first five consolidations as PostgreSQL does by default.
	b.Queue("SET LOCAL plan_cache_mode = force_generic_plan")
	b.Queue("SELECT "+roundColumns+" FROM rounds WHERE code = $1", code).Fn = func(br pgx.BatchResults) error {
		rows, err := br.Query()
		if err != nil {
			return err
		}
		st.Round, err = pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[domain.Round])
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("round %s: %w", code, domain.ErrNotFound)
		}
		return err
	}
	b.Queue(roundStandings, code).Fn = func(br pgx.BatchResults) error {
		rows, err := br.Query()
		if err != nil {
			return err
		}
		var u consolidate.UnitStatus
		var form string
		_, err = pgx.ForEachRow(rows, []any{&u.Unit, &form, &u.Status, &u.Revision, &u.SubmittedAt, &u.FirstSubmittedAt, &u.DueAt, &u.DueReason}, func() error {
			st.Units = append(st.Units, u)
			u = consolidate.UnitStatus{} // the next row's nulls are nil, not this row's times
			if !slices.Contains(st.Forms, form) {
				st.Forms = append(st.Forms, form)
			}
			return nil
		})
		return err
	}
	b.Queue(previousSnapshot, code).Fn = func(br pgx.BatchResults) error {
		prev, err := scanSnapshot(br.QueryRow())
		switch {
		case err == nil:
			st.Previous = &prev
		case !errors.Is(err, domain.ErrNotFound):
			return err
		}
		return nil
	}
	b.Queue(roundTotals, code, included).Fn = func(br pgx.BatchResults) error {
		rows, err := br.Query()
		if err != nil {
			return err
		}
		return scanTotals(rows, st.Totals)
	}
	b.Queue("COMMIT")
	// On an error the server skips the rest: the transaction is left
	// failed and the pool drops the connection rather than reuse it.
	if err := pool.SendBatch(ctx, b).Close(); err != nil {
		if errors.Is(err, domain.ErrNotFound) {
			return st, err
		}
		return st, fmt.Errorf("read round %s to consolidate: %w", code, err)
	}
	return st, nil
}
