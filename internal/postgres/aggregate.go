package postgres

import (
	"context"
	"encoding/json"
	"fmt"

	"baocao/internal/consolidate"
	"baocao/internal/submission"
)

// includedValues is every value of the current revision of the round's
// included submissions, one row per unit and cell, unpacked by the
// database from the revisions' JSON.
const includedValues = `WITH v AS (
	SELECT s.unit_code AS unit, e.key, e.value
	FROM submissions s
	JOIN submission_revisions r ON r.submission_id = s.id AND r.number = s.revision
	CROSS JOIN LATERAL jsonb_each(r.content->'values') AS e(key, value)
	WHERE s.round_id = $1 AND s.unit_code = ANY($2))
`

// aggregates are the sums the database computes per group: numbers, rate
// parts (only where both are entered, as rates are never averaged), and
// yes answers.
const aggregates = `
	(sum((value->>'number')::numeric) FILTER (WHERE value ? 'number'))::float8,
	(sum((value->>'num')::numeric) FILTER (WHERE value ? 'num' AND value ? 'den'))::float8,
	(sum((value->>'den')::numeric) FILTER (WHERE value ? 'num' AND value ? 'den'))::float8,
	count(*) FILTER (WHERE value ? 'bool'),
	count(*) FILTER (WHERE (value->>'bool')::boolean)`

// RoundFigures gathers a round's figures for the snapshot: the database
// aggregates every cell, every dimensioned indicator and every unit's
// indicator totals, and streams each unit's values and narratives.
func RoundFigures(ctx context.Context, db DBTX, roundID int64, units []string) (consolidate.Figures, error) {
	f := consolidate.Figures{Totals: map[submission.Key]submission.Value{}, Derived: map[string]submission.Value{},
		UnitDerived: map[string]map[string]submission.Value{}, Values: map[submission.Key]map[string]submission.Value{},
		Narratives: map[string]map[string]string{}}
	err := groups(ctx, db, includedValues+"SELECT key, ''"+`,`+aggregates+" FROM v GROUP BY key", roundID, units,
		func(key, _ string, v submission.Value) { f.Totals[submission.Key(key)] = v })
	if err != nil {
		return f, err
	}
	// Cells of dimensioned indicators carry "|" in their key; an entered
	// total ("IND" alone) is not part of the derived total.
	err = groups(ctx, db, includedValues+"SELECT split_part(key, '|', 1), ''"+`,`+aggregates+
		" FROM v WHERE strpos(key, '|') > 0 GROUP BY 1", roundID, units,
		func(ind, _ string, v submission.Value) { f.Derived[ind] = v })
	if err != nil {
		return f, err
	}
	err = groups(ctx, db, includedValues+"SELECT split_part(key, '|', 1), unit"+`,`+aggregates+
		" FROM v WHERE strpos(key, '|') > 0 GROUP BY 1, 2", roundID, units,
		func(ind, unit string, v submission.Value) {
			if f.UnitDerived[ind] == nil {
				f.UnitDerived[ind] = map[string]submission.Value{}
			}
			f.UnitDerived[ind][unit] = v
		})
	if err != nil {
		return f, err
	}
	rows, err := db.Query(ctx, includedValues+"SELECT unit, key, value FROM v", roundID, units)
	if err != nil {
		return f, fmt.Errorf("round values: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var unit, key string
		var raw []byte
		if err := rows.Scan(&unit, &key, &raw); err != nil {
			return f, fmt.Errorf("round values: %w", err)
		}
		var v submission.Value
		if err := json.Unmarshal(raw, &v); err != nil {
			return f, fmt.Errorf("round values: %s of %s: %w", key, unit, err)
		}
		k := submission.Key(key)
		if f.Values[k] == nil {
			f.Values[k] = map[string]submission.Value{}
		}
		f.Values[k][unit] = v
	}
	if err := rows.Err(); err != nil {
		return f, fmt.Errorf("round values: %w", err)
	}
	nrows, err := db.Query(ctx, `SELECT s.unit_code, n.key, n.value FROM submissions s
		JOIN submission_revisions r ON r.submission_id = s.id AND r.number = s.revision
		CROSS JOIN LATERAL jsonb_each_text(r.content->'narratives') AS n(key, value)
		WHERE s.round_id = $1 AND s.unit_code = ANY($2)`, roundID, units)
	if err != nil {
		return f, fmt.Errorf("round narratives: %w", err)
	}
	defer nrows.Close()
	for nrows.Next() {
		var unit, section, text string
		if err := nrows.Scan(&unit, &section, &text); err != nil {
			return f, fmt.Errorf("round narratives: %w", err)
		}
		if f.Narratives[unit] == nil {
			f.Narratives[unit] = map[string]string{}
		}
		f.Narratives[unit][section] = text
	}
	return f, nrows.Err()
}

// groups runs an aggregate query and hands each group's figure on: the
// sum of numbers, the summed parts of a rate, or the number of yes answers.
func groups(ctx context.Context, db DBTX, sql string, roundID int64, units []string, put func(group, unit string, v submission.Value)) error {
	rows, err := db.Query(ctx, sql, roundID, units)
	if err != nil {
		return fmt.Errorf("aggregate round: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var group, unit string
		var number, num, den *float64
		var bools, yes int64
		if err := rows.Scan(&group, &unit, &number, &num, &den, &bools, &yes); err != nil {
			return fmt.Errorf("aggregate round: %w", err)
		}
		switch {
		case number != nil:
			put(group, unit, submission.Value{Number: number})
		case num != nil:
			put(group, unit, submission.Value{Num: num, Den: den})
		case bools > 0:
			n := float64(yes)
			put(group, unit, submission.Value{Number: &n})
		}
	}
	return rows.Err()
}
