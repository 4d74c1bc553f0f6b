package postgres_test

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/access"
	"baocao/internal/consolidate"
	"baocao/internal/domain"
	"baocao/internal/postgres"
	"baocao/internal/submission"
)

// sqlFigures is the reference: the figures as exact numeric sums over
// the values in the JSON of the revisions named ($2 units, $3 their
// revisions), the history, which the values table must agree with.
const sqlFigures = `WITH revs AS MATERIALIZED (
	SELECT s.unit_code AS unit, r.content
	FROM submissions s
	JOIN unnest($2::text[], $3::int4[]) AS p(unit, rev) ON p.unit = s.unit_code
	JOIN submission_revisions r ON r.submission_id = s.id AND r.number = p.rev
	WHERE s.round_id = $1),
v AS MATERIALIZED (
	SELECT revs.unit, e.key,
		CASE WHEN strpos(e.key, '|') > 0 THEN split_part(e.key, '|', 1) END AS part_of,
		(e.value->>'number')::numeric AS number, (e.value->>'num')::numeric AS num,
		(e.value->>'den')::numeric AS den, e.value->>'text' AS txt, (e.value->>'bool')::boolean AS yes
	FROM revs CROSS JOIN LATERAL jsonb_each(revs.content->'values') AS e(key, value))
SELECT CASE WHEN GROUPING(key) = 0 THEN 'cell' WHEN GROUPING(unit) = 0 THEN 'unit' ELSE 'indicator' END,
	coalesce(key, part_of), coalesce(unit, ''), sum(number)::float8,
	(sum(num) FILTER (WHERE num IS NOT NULL AND den IS NOT NULL))::float8,
	(sum(den) FILTER (WHERE num IS NOT NULL AND den IS NOT NULL))::float8,
	count(yes), count(*) FILTER (WHERE yes), NULL
FROM v GROUP BY GROUPING SETS ((key), (part_of), (part_of, unit))
HAVING GROUPING(key) = 0 OR part_of IS NOT NULL
UNION ALL
SELECT 'value', key, unit, number::float8, num::float8, den::float8,
	CASE WHEN yes IS NULL THEN 0 ELSE 1 END, CASE WHEN yes THEN 1 ELSE 0 END, txt
FROM v
UNION ALL
SELECT 'narrative', n.key, revs.unit, NULL, NULL, NULL, 0, 0, n.value
FROM revs CROSS JOIN LATERAL jsonb_each_text(revs.content->'narratives') AS n(key, value)`

// TestRevisionFigures_SameAsTheRevisions consolidates the demo season,
// its figures then made awkward for float sums (thirds, tenths, a 20-digit
// amount, negatives) by a new revision of every submission, and wants
// every unit's figure bit for bit what the revisions hold: for the new
// revisions, and for the ones before, which they changed; and the round's
// totals as a consolidation reads them (ReadRoundState: the included
// units' current revisions) bit for bit the exact sums of the revisions,
// each the exact sum of the units' values rounded once.
func TestRevisionFigures_SameAsTheRevisions(t *testing.T) {
	ctx := context.Background()
	pool := demoPool(t)
	round := demoRound(t, pool, "NAM-2025")
	subs, err := postgres.ListSubmissions(ctx, pool, access.Scope{}, round.ID)
	if err != nil {
		t.Fatal(err)
	}
	var before, after []consolidate.Provenance
	for _, sub := range subs {
		if sub.Revision > 0 {
			reviseAwkwardly(t, pool, sub)
			before = append(before, consolidate.Provenance{Unit: sub.UnitCode, Revision: sub.Revision})
			after = append(after, consolidate.Provenance{Unit: sub.UnitCode, Revision: sub.Revision + 1})
		}
	}
	if len(after) < 10 {
		t.Fatalf("%d units", len(after))
	}
	for name, prov := range map[string][]consolidate.Provenance{"new revisions": after, "revisions before": before} {
		t.Run(name, func(t *testing.T) {
			got, err := postgres.RevisionFigures(ctx, pool, round.ID, prov, false)
			if err != nil {
				t.Fatal(err)
			}
			want := referenceFigures(t, pool, round.ID, prov)
			sameUnitFigures(t, got, want)

			// A comparison's read: the overall cells and the units' derived
			// totals, the same; nothing else.
			overall, err := postgres.RevisionFigures(ctx, pool, round.ID, prov, true)
			if err != nil {
				t.Fatal(err)
			}
			if len(overall.Narratives) != 0 || len(overall.UnitDerived) != len(want.UnitDerived) {
				t.Fatalf("overall: %d narratives, %d derived (want %d)", len(overall.Narratives), len(overall.UnitDerived), len(want.UnitDerived))
			}
			read := 0
			for key, byUnit := range want.Values {
				if strings.Contains(string(key), "|") {
					if _, ok := overall.Values[key]; ok {
						t.Fatalf("overall read %s", key)
					}
					continue
				}
				read++
				if len(overall.Values[key]) != len(byUnit) {
					t.Fatalf("overall %s: %d units, want %d", key, len(overall.Values[key]), len(byUnit))
				}
			}
			if read < 10 {
				t.Fatalf("overall: %d cells", read)
			}
		})
	}
	current := map[string]int{}
	for _, p := range after {
		current[p.Unit] = p.Revision
	}
	included := map[bool]int{} // units included, by includeUnreviewed
	for _, includeUnreviewed := range []bool{false, true} {
		t.Run(fmt.Sprintf("round totals, unreviewed included %v", includeUnreviewed), func(t *testing.T) {
			st, err := postgres.ReadRoundState(ctx, pool, "NAM-2025", consolidate.IncludedStatuses(includeUnreviewed))
			if err != nil {
				t.Fatal(err)
			}
			var prov []consolidate.Provenance
			for _, u := range st.Units {
				if consolidate.Includes(u, includeUnreviewed) {
					if u.Revision != current[u.Unit] {
						t.Fatalf("%s: revision %d, want the current %d", u.Unit, u.Revision, current[u.Unit])
					}
					prov = append(prov, consolidate.Provenance{Unit: u.Unit, Revision: u.Revision})
				}
			}
			if len(prov) < 10 {
				t.Fatalf("%d units included", len(prov))
			}
			included[includeUnreviewed] = len(prov)
			want := referenceFigures(t, pool, round.ID, prov)
			sameTotals(t, st.Totals, want)
			exactTotals(t, consolidate.Figures{Totals: st.Totals.Totals, Values: want.Values})
		})
	}
	if included[true] <= included[false] {
		t.Fatalf("%d units included with the unreviewed, %d without: the demo season has submitted units to tell them apart", included[true], included[false])
	}
}

// reviseAwkwardly appends a revision of sub, as the program writes one,
// with its numbers changed into ones a float sum gets wrong.
func reviseAwkwardly(t *testing.T, pool *pgxpool.Pool, sub domain.Submission) {
	t.Helper()
	ctx := context.Background()
	old, err := postgres.Content(ctx, pool, sub.ID, sub.Revision)
	if err != nil {
		t.Fatal(err)
	}
	next := old.Clone()
	for k, v := range next.Values {
		switch {
		case v.Number != nil:
			n := *v.Number
			n = [...]float64{n / 3, n + 0.1, -n * 1.7, n + 12345678901234567890.125}[sub.ID%4]
			next.Values[k] = submission.Value{Number: &n}
		case v.Num != nil && v.Den != nil:
			num, den := *v.Num+0.2, *v.Den/7
			next.Values[k] = submission.Value{Num: &num, Den: &den}
		}
	}
	if err := postgres.AppendRevision(ctx, pool, domain.Revision{SubmissionID: sub.ID, Number: sub.Revision + 1,
		Author: "test", Source: "api", Content: next, Changes: submission.Diff(old, next)}); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, "UPDATE submissions SET revision = revision + 1 WHERE id = $1", sub.ID); err != nil {
		t.Fatal(err)
	}
}

// exactTotals checks every cell's total against the exact sum of the
// units' values (each the decimal it was entered as), rounded once to
// the nearest float64 (math/big, not the database).
func exactTotals(t *testing.T, f consolidate.Figures) {
	t.Helper()
	exact := func(parts []*float64) (float64, bool) {
		sum := new(big.Rat)
		for _, p := range parts {
			r, ok := new(big.Rat).SetString(strconv.FormatFloat(*p, 'f', -1, 64))
			if !ok {
				t.Fatalf("%v is not a decimal", *p)
			}
			sum.Add(sum, r)
		}
		x, _ := sum.Float64()
		return x, len(parts) > 0
	}
	checked := 0
	for key, total := range f.Totals {
		var numbers, nums, dens []*float64
		for _, v := range f.Values[key] {
			if v.Number != nil {
				numbers = append(numbers, v.Number)
			}
			if v.Num != nil && v.Den != nil {
				nums, dens = append(nums, v.Num), append(dens, v.Den)
			}
		}
		switch {
		case total.Number != nil && len(numbers) > 0:
			if want, _ := exact(numbers); *total.Number != want {
				t.Errorf("total of %s = %v, want %v", key, *total.Number, want)
			}
			checked++
		case total.Num != nil:
			wantNum, _ := exact(nums)
			wantDen, _ := exact(dens)
			if *total.Num != wantNum || *total.Den != wantDen {
				t.Errorf("total of %s = %v/%v, want %v/%v", key, *total.Num, *total.Den, wantNum, wantDen)
			}
			checked++
		}
	}
	if checked < 50 {
		t.Fatalf("only %d totals checked", checked)
	}
}

// referenceFigures reads sqlFigures.
func referenceFigures(t *testing.T, db postgres.DBTX, roundID int64, prov []consolidate.Provenance) consolidate.Figures {
	t.Helper()
	f := consolidate.NewFigures()
	var units []string
	var revisions []int32
	for _, p := range prov {
		units, revisions = append(units, p.Unit), append(revisions, int32(p.Revision))
	}
	rows, err := db.Query(context.Background(), sqlFigures, roundID, units, revisions)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, key, unit string
		var number, num, den *float64
		var bools, yes int64
		var text *string
		if err := rows.Scan(&kind, &key, &unit, &number, &num, &den, &bools, &yes, &text); err != nil {
			t.Fatal(err)
		}
		switch kind {
		case "value":
			v := submission.Value{Number: number, Num: num, Den: den, Text: text}
			if bools > 0 {
				b := yes > 0
				v.Bool = &b
			}
			if f.Values[submission.Key(key)] == nil {
				f.Values[submission.Key(key)] = map[string]submission.Value{}
			}
			f.Values[submission.Key(key)][unit] = v
			continue
		case "narrative":
			if f.Narratives[unit] == nil {
				f.Narratives[unit] = map[string]string{}
			}
			f.Narratives[unit][key] = *text
			continue
		}
		var v submission.Value
		switch {
		case number != nil:
			v = submission.Value{Number: number}
		case num != nil:
			v = submission.Value{Num: num, Den: den}
		case bools > 0:
			n := float64(yes)
			v = submission.Value{Number: &n}
		default:
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
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return f
}

// sameValues checks that got holds what want holds, bit for bit; what
// names the figures.
func sameValues(t *testing.T, what string, got, want map[string]submission.Value) {
	t.Helper()
	sameF := func(a, b *float64) bool {
		return a == nil && b == nil || a != nil && b != nil && math.Float64bits(*a) == math.Float64bits(*b)
	}
	same := func(a, b submission.Value) bool {
		return sameF(a.Number, b.Number) && sameF(a.Num, b.Num) && sameF(a.Den, b.Den) &&
			(a.Text == nil) == (b.Text == nil) && (a.Text == nil || *a.Text == *b.Text) &&
			(a.Bool == nil) == (b.Bool == nil) && (a.Bool == nil || *a.Bool == *b.Bool)
	}
	if len(got) != len(want) {
		t.Errorf("%s: %d figures, want %d", what, len(got), len(want))
	}
	for k, w := range want {
		if g, ok := got[k]; !ok || !same(g, w) {
			t.Errorf("%s %s: got %s, want %s", what, k, show(g), show(w))
		}
	}
}

// sameTotals checks the province figures: each cell's and each
// dimensioned indicator's.
func sameTotals(t *testing.T, got, want consolidate.Figures) {
	t.Helper()
	totals, wantTotals := map[string]submission.Value{}, map[string]submission.Value{}
	for k, v := range got.Totals {
		totals[string(k)] = v
	}
	for k, v := range want.Totals {
		wantTotals[string(k)] = v
	}
	sameValues(t, "total", totals, wantTotals)
	sameValues(t, "derived", got.Derived, want.Derived)
	if len(wantTotals) < 50 || len(want.Derived) == 0 {
		t.Fatalf("too few totals to compare: %d totals, %d derived", len(wantTotals), len(want.Derived))
	}
}

// sameUnitFigures checks the units' figures: their values, their totals
// of dimensioned indicators, their narratives.
func sameUnitFigures(t *testing.T, got, want consolidate.Figures) {
	t.Helper()
	if len(got.UnitDerived) != len(want.UnitDerived) || len(got.Values) != len(want.Values) || len(got.Narratives) != len(want.Narratives) {
		t.Errorf("unit derived %d/%d, values %d/%d, narratives %d/%d", len(got.UnitDerived), len(want.UnitDerived),
			len(got.Values), len(want.Values), len(got.Narratives), len(want.Narratives))
	}
	for ind, w := range want.UnitDerived {
		sameValues(t, "derived of units "+ind, got.UnitDerived[ind], w)
	}
	for k, w := range want.Values {
		sameValues(t, "values "+string(k), got.Values[k], w)
	}
	for unit, w := range want.Narratives {
		for sec, text := range w {
			if got.Narratives[unit][sec] != text || len(got.Narratives[unit]) != len(w) {
				t.Errorf("narrative %s of %s differs", sec, unit)
			}
		}
	}
	if len(want.UnitDerived) == 0 || len(want.Values) < 50 {
		t.Fatalf("too few figures to compare: %d values, %d units' derived", len(want.Values), len(want.UnitDerived))
	}
}

func show(v submission.Value) string {
	f := func(p *float64) string {
		if p == nil {
			return "-"
		}
		return strconv.FormatFloat(*p, 'g', -1, 64)
	}
	return "number " + f(v.Number) + " num " + f(v.Num) + " den " + f(v.Den)
}
