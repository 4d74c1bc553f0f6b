package postgres_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/consolidate"
	"baocao/internal/domain"
	"baocao/internal/pgtest"
	"baocao/internal/postgres"
	"baocao/internal/submission"
)

// analytics.unit_values has a row per current value of every submission,
// named from its round's catalog, and each row says what the revision
// holds.
func TestAnalyticsUnitValues_NamesEveryCurrentValue(t *testing.T) {
	ctx := context.Background()
	pool := demoPool(t)
	var rows, values, unnamed, unlabelled int
	if err := pool.QueryRow(ctx, `SELECT count(*), (SELECT count(*) FROM submission_values WHERE valid_until IS NULL),
			count(*) FILTER (WHERE unit_name IS NULL OR indicator_name IS NULL OR round_title IS NULL OR submission_status IS NULL),
			count(*) FILTER (WHERE disaggregation <> '{}' AND (disaggregation_label IS NULL OR disaggregation_label LIKE '%=%'))
		FROM analytics.unit_values`).Scan(&rows, &values, &unnamed, &unlabelled); err != nil {
		t.Fatal(err)
	}
	if rows != values || rows < 5000 || unnamed != 0 || unlabelled != 0 {
		t.Fatalf("%d rows for %d values; %d without names, %d dimensioned without a label", rows, values, unnamed, unlabelled)
	}

	// One unit of 2025, row by row against its current revision and
	// catalog.
	round, err := postgres.GetRound(ctx, pool, "NAM-2025")
	if err != nil {
		t.Fatal(err)
	}
	cv, err := postgres.GetCatalogVersion(ctx, pool, round.CatalogVersionID)
	if err != nil {
		t.Fatal(err)
	}
	subs, err := postgres.ListSubmissions(ctx, pool, access.Scope{}, round.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The first accepted unit with a rate entered.
	var sub domain.Submission
	var content submission.Content
	for _, s := range subs {
		if s.Status != submission.StatusAccepted {
			continue
		}
		c, err := postgres.Content(ctx, pool, s.ID, s.Revision)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range c.Values {
			if v.Num != nil && v.Den != nil && *v.Den != 0 && sub.ID == 0 {
				sub, content = s, c
			}
		}
	}
	unit, _ := cv.Catalog.Unit(sub.UnitCode)
	q, _ := pool.Query(ctx, `SELECT cell_key, indicator_code, indicator_name, unit_name, round_year, coalesce(disaggregation_label, ''),
			value::float8, denominator::float8, rate::float8, text_value, answer, submission_status, revision
		FROM analytics.unit_values WHERE round_code = 'NAM-2025' AND unit_code = $1`, sub.UnitCode)
	var key, code, name, unitName, label, status string
	var year, revision int
	var value, den, rate *float64
	var text *string
	var answer *bool
	seen, dimensioned, rates := 0, 0, 0
	_, err = pgx.ForEachRow(q, []any{&key, &code, &name, &unitName, &year, &label, &value, &den, &rate, &text, &answer, &status, &revision}, func() error {
		seen++
		v := content.Values[submission.Key(key)]
		ind, _ := cv.Catalog.Indicator(code)
		if name != ind.Name || unitName != unit.Name || year != 2025 || status != string(sub.Status) || revision != sub.Revision {
			t.Errorf("%s: named %q of %q, %d, %s revision %d", key, name, unitName, year, status, revision)
		}
		want := v.Number
		if v.Num != nil || v.Den != nil {
			want = v.Num
		}
		if !sameFloat(value, want) || !sameFloat(den, v.Den) || (text == nil) != (v.Text == nil) || (answer == nil) != (v.Bool == nil) {
			t.Errorf("%s: value %v / %v, revision %+v", key, value, den, v.JSON())
		}
		if r, ok := v.Ratio(scaleOf(ind.Rate)); ok {
			rates++
			if rate == nil || math.Abs(*rate-r) > 1e-9*math.Abs(r) {
				t.Errorf("%s: rate %v, want %v", key, rate, r)
			}
		}
		if _, d, ok := strings.Cut(key, "|"); ok {
			dimensioned++
			if want := optionLabels(t, cv.Catalog.Dimension, d); label != want {
				t.Errorf("%s: label %q, want %q", key, label, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if entered := countEntered(content); seen != entered || dimensioned == 0 || rates == 0 {
		t.Fatalf("%s: %d rows for %d values (%d dimensioned, %d rates)", sub.UnitCode, seen, entered, dimensioned, rates)
	}

	// The sums of docs/analytics.md's query are the report's totals.
	st, err := postgres.ReadRoundState(ctx, pool, "NAM-2025", consolidate.IncludedStatuses(false))
	if err != nil {
		t.Fatal(err)
	}
	figures := st.Totals
	q, _ = pool.Query(ctx, `SELECT min(cell_key), sum(value)::float8, sum(denominator)::float8
		FROM analytics.unit_values
		WHERE round_code = 'NAM-2025' AND submission_status = 'accepted'
		GROUP BY indicator_code, indicator_name, disaggregation_label`)
	groups := 0
	_, err = pgx.ForEachRow(q, []any{&key, &value, &den}, func() error {
		if value == nil && den == nil {
			return nil // texts and yes/no answers: no value to sum
		}
		groups++
		total := figures.Totals[submission.Key(key)]
		want := total.Number
		if total.Num != nil {
			want = total.Num
		}
		if !sameFloat(value, want) || !sameFloat(den, total.Den) {
			t.Errorf("%s: sums %v / %v, report %+v", key, value, den, total.JSON())
		}
		return nil
	})
	if err != nil || groups < 100 {
		t.Fatalf("%d groups: %v", groups, err)
	}

	var narratives, texts, untitled int
	if err := pool.QueryRow(ctx, `SELECT count(*), (SELECT count(*) FROM submission_narratives WHERE valid_until IS NULL), count(*) FILTER (WHERE section_title IS NULL)
		FROM analytics.narratives`).Scan(&narratives, &texts, &untitled); err != nil {
		t.Fatal(err)
	}
	if narratives != texts || narratives == 0 || untitled != 0 {
		t.Fatalf("analytics.narratives: %d rows for %d texts, %d without a title", narratives, texts, untitled)
	}
}

// The analysts' role reads the views and nothing else.
func TestAnalyticsRole_ReadsTheViewsOnly(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	try := func(sql string) error {
		return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, "SET LOCAL ROLE baocao_analyst"); err != nil {
				t.Fatal(err)
			}
			_, err := tx.Exec(ctx, sql)
			return err
		})
	}
	for _, view := range []string{"rounds", "units", "indicators", "dimension_options", "submissions", "unit_values", "narratives"} {
		if err := try("SELECT * FROM analytics." + view + " LIMIT 1"); err != nil {
			t.Errorf("analytics.%s: %v", view, err)
		}
	}
	for _, sql := range []string{"SELECT * FROM users", "SELECT * FROM submission_values", "UPDATE analytics.rounds SET round_title = 'x'"} {
		var pgErr *pgconn.PgError
		if err := try(sql); !errors.As(err, &pgErr) || pgErr.Code != "42501" {
			t.Errorf("%s as baocao_analyst: %v, want permission denied", sql, err)
		}
	}
}

func sameFloat(a, b *float64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

func countEntered(c submission.Content) int {
	n := 0
	for _, v := range c.Values {
		if !v.Empty() {
			n++
		}
	}
	return n
}

func scaleOf(r *catalog.RateSpec) float64 {
	if r == nil {
		return 0
	}
	return r.Scale
}

// optionLabels names a key's "DIM=OPT|DIM=OPT" part as the view does,
// from the catalog: "Giới tính: Nam; Nhóm tuổi: Dưới 6 tuổi".
func optionLabels(t *testing.T, dimension func(string) (catalog.Dimension, bool), part string) string {
	t.Helper()
	var out []string
	for _, p := range strings.Split(part, "|") {
		dim, opt, _ := strings.Cut(p, "=")
		d, ok := dimension(dim)
		if !ok {
			t.Fatalf("no dimension %s", dim)
		}
		for _, o := range d.Options {
			if o.Code == opt {
				out = append(out, d.Name+": "+o.Name)
			}
		}
	}
	return strings.Join(out, "; ")
}
