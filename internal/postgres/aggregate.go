package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"baocao/internal/consolidate"
	"baocao/internal/submission"
)

// roundFigures reads the included units' current values and narratives
// (submission_values, submission_narratives) with their sums by the
// aggregation rules, in one statement (one consistent view of the
// submissions). A row per cell holds its sums and its units' values (each
// unit by its place in $2, the values as arrays: a row per value would
// cost more to send and read than the values themselves); a row per
// dimensioned indicator, province-wide and per unit, holds the sums of
// its cells ('IND|DIM=OPT' keys; its own 'IND' cell, the entered total, is
// not one of them); a row per narrative its text. Numbers are summed as
// numeric, exactly, and cast to float8 once, which rounds to the nearest
// float64: 0.1 + 0.2 is 0.3. A rate's parts are summed where both are
// entered (never averaged), yes answers counted; texts have no sum.
const roundFigures = `WITH v AS NOT MATERIALIZED (
	SELECT u.i AS unit, v.key, CASE WHEN v.key <> v.indicator THEN v.indicator END AS part_of,
		v.number, v.numerator, v.denominator, v.text_value, v.answer
	FROM submission_values v JOIN submissions s ON s.id = v.submission_id
	JOIN unnest($2::text[]) WITH ORDINALITY AS u(code, i) ON u.code = s.unit_code
	WHERE s.round_id = $1)
SELECT 'cell', key, 0, ` + sums + `,
	array_agg(unit), array_agg(number::float8), array_agg(numerator::float8), array_agg(denominator::float8),
	array_agg(text_value), array_agg(answer), NULL
FROM v GROUP BY key
UNION ALL
SELECT CASE WHEN GROUPING(unit) = 0 THEN 'unit' ELSE 'indicator' END, part_of, coalesce(unit, 0), ` + sums + `,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM v WHERE part_of IS NOT NULL GROUP BY GROUPING SETS ((part_of), (part_of, unit))
UNION ALL
SELECT 'narrative', n.section, u.i, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, n.text
FROM submission_narratives n JOIN submissions s ON s.id = n.submission_id
JOIN unnest($2::text[]) WITH ORDINALITY AS u(code, i) ON u.code = s.unit_code
WHERE s.round_id = $1`

// sums are a group's sums by the aggregation rules.
const sums = `sum(number)::float8,
	(sum(numerator) FILTER (WHERE numerator IS NOT NULL AND denominator IS NOT NULL))::float8,
	(sum(denominator) FILTER (WHERE numerator IS NOT NULL AND denominator IS NOT NULL))::float8,
	count(answer), count(*) FILTER (WHERE answer)`

// RoundFigures gathers a round's figures for the snapshot: every included
// unit's values and narratives, and the totals of every cell, every
// dimensioned indicator and every unit's indicator totals.
func RoundFigures(ctx context.Context, db DBTX, roundID int64, units []string) (consolidate.Figures, error) {
	f := consolidate.Figures{Totals: map[submission.Key]submission.Value{}, Derived: map[string]submission.Value{},
		UnitDerived: map[string]map[string]submission.Value{}, Values: map[submission.Key]map[string]submission.Value{},
		Narratives: make(map[string]map[string]string, len(units))}
	// Planned anew for each round's units (an unnamed statement): a plan
	// cached for any units and round can be many times slower.
	rows, err := db.Query(ctx, roundFigures, pgx.QueryExecModeCacheDescribe, roundID, units)
	if err != nil {
		return f, fmt.Errorf("round figures: %w", err)
	}
	var kind, key string
	var unit, answers, yes int64
	var sum, sumNum, sumDen pgtype.Float8
	var c cellValues
	var text pgtype.Text
	_, err = pgx.ForEachRow(rows, []any{&kind, &key, &unit, &sum, &sumNum, &sumDen, &answers, &yes,
		&c.units, &c.numbers, &c.nums, &c.dens, &c.texts, &c.answers, &text}, func() error {
		if kind == "narrative" {
			into(f.Narratives, units[unit-1])[key] = text.String
			return nil
		}
		total, ok := figure(submission.Value{Number: float(sum), Num: float(sumNum), Den: float(sumDen)}, answers, yes)
		switch {
		case kind == "cell":
			f.Values[submission.Key(key)] = c.byUnit(units)
			if ok {
				f.Totals[submission.Key(key)] = total
			}
		case !ok:
		case kind == "indicator":
			f.Derived[key] = total
		default:
			into(f.UnitDerived, key)[units[unit-1]] = total
		}
		return nil
	})
	if err != nil {
		return f, fmt.Errorf("round figures: %w", err)
	}
	return f, nil
}

// cellValues are a cell's values as roundFigures sends them: a unit's
// place in the list of units (from 1) and its value's fields, in step.
type cellValues struct {
	units               []int64
	numbers, nums, dens []pgtype.Float8
	texts               []pgtype.Text
	answers             []pgtype.Bool
}

// byUnit lays the values out by unit code.
func (c *cellValues) byUnit(units []string) map[string]submission.Value {
	out := make(map[string]submission.Value, len(c.units))
	for i, u := range c.units {
		v := submission.Value{Number: float(c.numbers[i]), Num: float(c.nums[i]), Den: float(c.dens[i])}
		if t := c.texts[i]; t.Valid {
			v.Text = &t.String
		}
		if b := c.answers[i]; b.Valid {
			v.Bool = &b.Bool
		}
		out[units[u-1]] = v
	}
	return out
}

// float is a copy of x, nil when NULL.
func float(x pgtype.Float8) *float64 {
	if !x.Valid {
		return nil
	}
	return &x.Float64
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
