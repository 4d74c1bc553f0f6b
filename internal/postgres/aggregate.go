package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"baocao/internal/consolidate"
	"baocao/internal/submission"
)

// The figures of a consolidation are those of the revisions it counts
// (its provenance: each included unit's revision), read from the values
// and narratives tables, which hold every revision's rows (migration
// 0017). revisionRows is those rows: a unit by its place in $2 (from 1),
// $3 its revision; part_of names the indicator a dimensioned cell is part
// of ('IND|DIM=OPT' keys; the indicator's own 'IND' cell, an entered
// total, is not one of them).
const revisionRows = `WITH p AS (
	SELECT s.id, u.i AS unit, u.rev
	FROM unnest($2::text[], $3::int4[]) WITH ORDINALITY AS u(code, rev, i)
	JOIN submissions s ON s.round_id = $1 AND s.unit_code = u.code),
v AS NOT MATERIALIZED (
	SELECT p.unit, v.key, CASE WHEN v.key <> v.indicator THEN v.indicator END AS part_of,
		v.number, v.numerator, v.denominator, v.text_value, v.answer
	FROM p JOIN submission_values v ON v.submission_id = p.id
		AND v.valid_from <= p.rev AND (v.valid_until IS NULL OR v.valid_until > p.rev))
`

// revisionFigures reads each unit's figures of the revisions: a row per
// cell with its units' values (as arrays: a row per value would cost more
// to send and read than the values themselves), a row per unit and
// dimensioned indicator with the unit's sums over its cells, a row per
// narrative with its text. With $4, only the cells an indicator's overall
// figure is read from (its own cell, or its derived total), and no
// narratives: what a year-on-year comparison reads.
const revisionFigures = revisionRows + `SELECT 'cell', key, 0, NULL::float8, NULL::float8, NULL::float8, 0::int8, 0::int8,
	array_agg(unit), array_agg(number::float8), array_agg(numerator::float8), array_agg(denominator::float8),
	array_agg(text_value), array_agg(answer), NULL
FROM v WHERE NOT $4 OR part_of IS NULL GROUP BY key
UNION ALL
SELECT 'unit', part_of, unit, ` + sums + `, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM v WHERE part_of IS NOT NULL GROUP BY part_of, unit
UNION ALL
SELECT 'narrative', n.section, p.unit, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, n.text
FROM p JOIN submission_narratives n ON n.submission_id = p.id
	AND n.valid_from <= p.rev AND (n.valid_until IS NULL OR n.valid_until > p.rev)
WHERE NOT $4`

// sums are a group's sums by the aggregation rules.
const sums = `sum(number)::float8,
	(sum(numerator) FILTER (WHERE numerator IS NOT NULL AND denominator IS NOT NULL))::float8,
	(sum(denominator) FILTER (WHERE numerator IS NOT NULL AND denominator IS NOT NULL))::float8,
	count(answer), count(*) FILTER (WHERE answer)`

// provenanceColumns are a provenance as the statements' $2 and $3.
func provenanceColumns(prov []consolidate.Provenance) (units []string, revisions []int32) {
	units, revisions = make([]string, len(prov)), make([]int32, len(prov))
	for i, p := range prov {
		units[i], revisions[i] = p.Unit, int32(p.Revision)
	}
	return units, revisions
}

// scanTotals reads the rows of roundTotals into f: each cell's province
// figure (Totals) and each dimensioned indicator's (Derived).
func scanTotals(rows pgx.Rows, f consolidate.Figures) error {
	var kind, key string
	var answers, yes int64
	var sum, sumNum, sumDen pgtype.Float8
	_, err := pgx.ForEachRow(rows, []any{&kind, &key, &sum, &sumNum, &sumDen, &answers, &yes}, func() error {
		total, ok := figure(submission.Value{Number: float(sum), Num: float(sumNum), Den: float(sumDen)}, answers, yes)
		switch {
		case !ok:
		case kind == "cell":
			f.Totals[submission.Key(key)] = total
		default:
			f.Derived[key] = total
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("round totals: %w", err)
	}
	return nil
}

// RevisionFigures reads each unit's figures of a round's revisions named
// by prov: every cell's values by unit (Values), every unit's totals of
// its dimensioned indicators (UnitDerived), its narratives; what a report
// prints of each unit (consolidate.Snapshot.Attach). overallOnly reads
// only the cells each indicator's overall figure comes from, without
// narratives (a year-on-year comparison).
func RevisionFigures(ctx context.Context, db DBTX, roundID int64, prov []consolidate.Provenance, overallOnly bool) (consolidate.Figures, error) {
	f := consolidate.NewFigures()
	units, revisions := provenanceColumns(prov)
	rows, err := db.Query(ctx, revisionFigures, pgx.QueryExecModeCacheDescribe, roundID, units, revisions, overallOnly)
	if err != nil {
		return f, fmt.Errorf("units' figures: %w", err)
	}
	var kind, key string
	var unit, answers, yes int64
	var sum, sumNum, sumDen pgtype.Float8
	var c cellValues
	var text pgtype.Text
	_, err = pgx.ForEachRow(rows, []any{&kind, &key, &unit, &sum, &sumNum, &sumDen, &answers, &yes,
		&c.units, &c.numbers, &c.nums, &c.dens, &c.texts, &c.answers, &text}, func() error {
		switch kind {
		case "narrative":
			into(f.Narratives, units[unit-1])[key] = text.String
		case "cell":
			f.Values[submission.Key(key)] = c.byUnit(units)
		default:
			if total, ok := figure(submission.Value{Number: float(sum), Num: float(sumNum), Den: float(sumDen)}, answers, yes); ok {
				into(f.UnitDerived, key)[units[unit-1]] = total
			}
		}
		return nil
	})
	if err != nil {
		return f, fmt.Errorf("units' figures: %w", err)
	}
	return f, nil
}

// cellValues are a cell's values as revisionFigures sends them: a unit's
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
