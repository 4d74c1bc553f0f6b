package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"baocao/internal/consolidate"
	"baocao/internal/submission"
)

// roundFigures reads the included units' current values and narratives
// (submission_values, submission_narratives) with their sums by the
// aggregation rules, in one statement (one consistent view of the
// submissions): a row per value, per narrative, and per sum. Sums are of
// every cell over the units, and of every dimensioned indicator's cells
// ('IND|DIM=OPT' keys; its own 'IND' cell, the entered total, is not part
// of them) province-wide and per unit. Numbers are summed as numeric,
// exactly, and cast to float8 once, which rounds to the nearest float64:
// 0.1 + 0.2 is 0.3. A rate's parts are summed where both are entered
// (never averaged), yes answers counted; texts have no sum.
const roundFigures = `SELECT 'value', v.key, s.unit_code, v.number::float8, v.numerator::float8, v.denominator::float8,
	0, 0, v.text_value, v.answer
FROM submission_values v JOIN submissions s ON s.id = v.submission_id
WHERE s.round_id = $1 AND s.unit_code = ANY($2)
UNION ALL
SELECT CASE WHEN GROUPING(key) = 0 THEN 'cell' WHEN GROUPING(unit) = 0 THEN 'unit' ELSE 'indicator' END,
	coalesce(key, part_of), coalesce(unit, ''), sum(number)::float8,
	(sum(numerator) FILTER (WHERE numerator IS NOT NULL AND denominator IS NOT NULL))::float8,
	(sum(denominator) FILTER (WHERE numerator IS NOT NULL AND denominator IS NOT NULL))::float8,
	count(answer), count(*) FILTER (WHERE answer), NULL, NULL
FROM (SELECT s.unit_code AS unit, v.key, CASE WHEN v.key <> v.indicator THEN v.indicator END AS part_of,
		v.number, v.numerator, v.denominator, v.answer
	FROM submission_values v JOIN submissions s ON s.id = v.submission_id
	WHERE s.round_id = $1 AND s.unit_code = ANY($2) AND v.text_value IS NULL) AS v
GROUP BY GROUPING SETS ((key), (part_of), (part_of, unit))
HAVING GROUPING(key) = 0 OR part_of IS NOT NULL
UNION ALL
SELECT 'narrative', n.section, s.unit_code, NULL, NULL, NULL, 0, 0, n.text, NULL
FROM submission_narratives n JOIN submissions s ON s.id = n.submission_id
WHERE s.round_id = $1 AND s.unit_code = ANY($2)`

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
	var kind, key, unit string
	var v submission.Value // a value, or the sums of numbers and rate parts
	var answers, yes int64
	_, err = pgx.ForEachRow(rows, []any{&kind, &key, &unit, &v.Number, &v.Num, &v.Den, &answers, &yes, &v.Text, &v.Bool}, func() error {
		switch kind {
		case "value":
			into(f.Values, submission.Key(key))[unit] = v
		case "narrative":
			into(f.Narratives, unit)[key] = *v.Text
		default:
			total, ok := figure(v, answers, yes)
			switch {
			case !ok:
			case kind == "cell":
				f.Totals[submission.Key(key)] = total
			case kind == "indicator":
				f.Derived[key] = total
			default:
				into(f.UnitDerived, key)[unit] = total
			}
		}
		return nil
	})
	if err != nil {
		return f, fmt.Errorf("round figures: %w", err)
	}
	return f, nil
}

// figure is a group's total: the sum of its numbers, of both parts of
// its rates, or the number of yes answers, whichever it has (in that
// order); false for a group of texts or of half-entered rates.
func figure(sums submission.Value, answers, yes int64) (submission.Value, bool) {
	switch {
	case sums.Number != nil:
		return submission.Value{Number: sums.Number}, true
	case sums.Num != nil:
		return submission.Value{Num: sums.Num, Den: sums.Den}, true
	case answers > 0:
		n := float64(yes)
		return submission.Value{Number: &n}, true
	}
	return submission.Value{}, false
}

// into returns m's inner map at k, made when missing.
func into[K comparable, V any](m map[K]map[string]V, k K) map[string]V {
	inner := m[k]
	if inner == nil {
		inner = map[string]V{}
		m[k] = inner
	}
	return inner
}
