package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"baocao/internal/consolidate"
	"baocao/internal/domain"
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

// ReadRoundState reads the round with code and what a consolidation
// needs of it, in one round trip (three statements, as they were when
// read one by one: what is summed is the revisions the standings name,
// whatever a unit saves meanwhile). A round that does not exist is
// domain.ErrNotFound.
func ReadRoundState(ctx context.Context, db BatchSender, code string) (RoundState, error) {
	var st RoundState
	b := &pgx.Batch{}
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
	if err := db.SendBatch(ctx, b).Close(); err != nil {
		if errors.Is(err, domain.ErrNotFound) {
			return st, err
		}
		return st, fmt.Errorf("read round %s to consolidate: %w", code, err)
	}
	return st, nil
}
