package postgres

import (
	"context"
	"fmt"

	"baocao/internal/consolidate"
	"baocao/internal/submission"
)

// roundFigures is everything the snapshot needs from the database, in one
// statement: the included submissions' current revisions are read once
// (revs) and their values unpacked once into typed columns (v); the
// database then sums every cell, every dimensioned indicator and every
// unit's indicator totals in one pass of grouping sets (rate parts only
// where both are entered, as rates are never averaged; yes answers
// counted), and the same rows stream each unit's values and narratives.
// Reading the revisions' JSON once rather than once per aggregate is what
// keeps a national round's consolidation in seconds, and one statement is
// one consistent view of the submissions.
//
// part_of is the indicator of a dimensioned cell ("IND|DIM=OPT"), NULL for
// an indicator's own cell (an entered total is not part of the derived
// total); the NULL groups it makes are left out.
const roundFigures = `WITH revs AS MATERIALIZED (
	SELECT s.unit_code AS unit, r.content
	FROM submissions s
	JOIN submission_revisions r ON r.submission_id = s.id AND r.number = s.revision
	WHERE s.round_id = $1 AND s.unit_code = ANY($2)),
v AS MATERIALIZED (
	SELECT revs.unit, e.key,
		CASE WHEN strpos(e.key, '|') > 0 THEN split_part(e.key, '|', 1) END AS part_of,
		(e.value->>'number')::numeric AS number,
		(e.value->>'num')::numeric AS num,
		(e.value->>'den')::numeric AS den,
		e.value->>'text' AS txt,
		(e.value->>'bool')::boolean AS yes
	FROM revs CROSS JOIN LATERAL jsonb_each(revs.content->'values') AS e(key, value))
SELECT CASE WHEN GROUPING(key) = 0 THEN 'cell' WHEN GROUPING(unit) = 0 THEN 'unit' ELSE 'indicator' END,
	coalesce(key, part_of), coalesce(unit, ''),
	sum(number)::float8,
	(sum(num) FILTER (WHERE num IS NOT NULL AND den IS NOT NULL))::float8,
	(sum(den) FILTER (WHERE num IS NOT NULL AND den IS NOT NULL))::float8,
	count(yes), count(*) FILTER (WHERE yes), NULL
FROM v
GROUP BY GROUPING SETS ((key), (part_of), (part_of, unit))
HAVING GROUPING(key) = 0 OR part_of IS NOT NULL
UNION ALL
SELECT 'value', key, unit, number::float8, num::float8, den::float8,
	CASE WHEN yes IS NULL THEN 0 ELSE 1 END, CASE WHEN yes THEN 1 ELSE 0 END, txt
FROM v
UNION ALL
SELECT 'narrative', n.key, revs.unit, NULL, NULL, NULL, 0, 0, n.value
FROM revs CROSS JOIN LATERAL jsonb_each_text(revs.content->'narratives') AS n(key, value)`

// RoundFigures gathers a round's figures for the snapshot: the database
// aggregates every cell, every dimensioned indicator and every unit's
// indicator totals, and streams each unit's values and narratives.
func RoundFigures(ctx context.Context, db DBTX, roundID int64, units []string) (consolidate.Figures, error) {
	f := consolidate.Figures{Totals: map[submission.Key]submission.Value{}, Derived: map[string]submission.Value{},
		UnitDerived: map[string]map[string]submission.Value{}, Values: map[submission.Key]map[string]submission.Value{},
		Narratives: map[string]map[string]string{}}
	rows, err := db.Query(ctx, roundFigures, roundID, units)
	if err != nil {
		return f, fmt.Errorf("round figures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, key, unit string
		var number, num, den *float64
		var bools, yes int64
		var text *string
		if err := rows.Scan(&kind, &key, &unit, &number, &num, &den, &bools, &yes, &text); err != nil {
			return f, fmt.Errorf("round figures: %w", err)
		}
		switch kind {
		case "value":
			v := submission.Value{Number: number, Num: num, Den: den, Text: text}
			if bools > 0 {
				b := yes > 0
				v.Bool = &b
			}
			k := submission.Key(key)
			if f.Values[k] == nil {
				f.Values[k] = map[string]submission.Value{}
			}
			f.Values[k][unit] = v
		case "narrative":
			if f.Narratives[unit] == nil {
				f.Narratives[unit] = map[string]string{}
			}
			f.Narratives[unit][key] = *text
		default:
			v, ok := figure(number, num, den, bools, yes)
			if !ok {
				continue
			}
			switch kind {
			case "cell":
				f.Totals[submission.Key(key)] = v
			case "indicator":
				f.Derived[key] = v
			case "unit":
				if f.UnitDerived[key] == nil {
					f.UnitDerived[key] = map[string]submission.Value{}
				}
				f.UnitDerived[key][unit] = v
			}
		}
	}
	if err := rows.Err(); err != nil {
		return f, fmt.Errorf("round figures: %w", err)
	}
	return f, nil
}

// figure is a group's sum: of the numbers, of both parts of a rate, or the
// number of yes answers; false when the group has none of them (texts).
func figure(number, num, den *float64, bools, yes int64) (submission.Value, bool) {
	switch {
	case number != nil:
		return submission.Value{Number: number}, true
	case num != nil:
		return submission.Value{Num: num, Den: den}, true
	case bools > 0:
		n := float64(yes)
		return submission.Value{Number: &n}, true
	}
	return submission.Value{}, false
}
