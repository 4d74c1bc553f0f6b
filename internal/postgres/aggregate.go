package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgtype"

	"baocao/internal/consolidate"
	"baocao/internal/submission"
)

// roundFigures streams the included submissions' current revisions
// unpacked: a row per value (unit, key, its fields as JSON text) and a row
// per narrative (unit, section, text in the last column). Each revision is
// read once, in one statement (one consistent view of the submissions).
// Nothing is summed here: the values travel anyway, as the snapshot holds
// every unit's value, and Go totals them as they arrive
// (consolidate.Tally), exactly in decimal, so the totals are to the bit
// what summing numeric and casting to float8 gave when this statement did
// it over grouping sets of a materialized copy of every value, which was
// most of its time (TestRoundFigures_SameAsNumericSQL). Every column is
// text, read raw: no scan plans, no casts.
const roundFigures = `SELECT s.unit_code, e.key, e.number, e.num, e.den, e.txt, e.yes, e.narrative
FROM submissions s
JOIN submission_revisions r ON r.submission_id = s.id AND r.number = s.revision
CROSS JOIN LATERAL (
	SELECT v.key, v.value->>'number' AS number, v.value->>'num' AS num, v.value->>'den' AS den,
		v.value->>'text' AS txt, v.value->>'bool' AS yes, NULL::text AS narrative
	FROM jsonb_each(r.content->'values') AS v
	UNION ALL
	SELECT n.key, NULL, NULL, NULL, NULL, NULL, n.value
	FROM jsonb_each_text(r.content->'narratives') AS n) e
WHERE s.round_id = $1 AND s.unit_code = ANY($2)`

// Columns of roundFigures.
const (
	colUnit = iota
	colKey
	colNumber
	colNum
	colDen
	colText
	colBool
	colNarrative
	figureColumns
)

// RoundFigures gathers a round's figures for the snapshot: every included
// unit's values and narratives, and the totals of every cell, every
// dimensioned indicator and every unit's indicator totals.
func RoundFigures(ctx context.Context, db DBTX, roundID int64, units []string) (consolidate.Figures, error) {
	f := consolidate.Figures{Totals: map[submission.Key]submission.Value{}, Derived: map[string]submission.Value{},
		UnitDerived: map[string]map[string]submission.Value{}, Values: map[submission.Key]map[string]submission.Value{},
		Narratives: make(map[string]map[string]string, len(units))}
	rows, err := db.Query(ctx, roundFigures, roundID, units)
	if err != nil {
		return f, fmt.Errorf("round figures: %w", err)
	}
	defer rows.Close()
	for _, fd := range rows.FieldDescriptions() {
		if fd.DataTypeOID != pgtype.TextOID {
			return f, fmt.Errorf("round figures: column %s is not text", fd.Name)
		}
	}
	unitOf := make(map[string]int, len(units))
	for i, u := range units {
		unitOf[u] = i
	}
	r := newValueReader(units)
	unit := -1 // the rows come revision after revision: mostly the last unit
	for rows.Next() {
		raw := rows.RawValues()
		if len(raw) != figureColumns || raw[colUnit] == nil || raw[colKey] == nil {
			return f, fmt.Errorf("round figures: unexpected row")
		}
		if unit < 0 || string(raw[colUnit]) != units[unit] {
			var ok bool
			if unit, ok = unitOf[string(raw[colUnit])]; !ok {
				return f, fmt.Errorf("round figures: unit %q was not asked for", raw[colUnit])
			}
		}
		if raw[colNarrative] != nil {
			byUnit := f.Narratives[units[unit]]
			if byUnit == nil {
				byUnit = map[string]string{}
				f.Narratives[units[unit]] = byUnit
			}
			byUnit[string(raw[colKey])] = string(raw[colNarrative])
			continue
		}
		if err := r.add(unit, raw); err != nil {
			return f, fmt.Errorf("round figures: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return f, fmt.Errorf("round figures: %w", err)
	}
	r.values(f.Values)
	if err := r.tally.Into(&f); err != nil {
		return f, fmt.Errorf("round figures: %w", err)
	}
	return f, nil
}
