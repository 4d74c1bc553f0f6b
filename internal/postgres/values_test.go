package postgres_test

import (
	"context"
	"io/fs"
	"maps"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/access"
	"baocao/internal/demo"
	"baocao/internal/domain"
	"baocao/internal/pgtest"
	"baocao/internal/postgres"
	"baocao/internal/submission"
	"baocao/internal/testkit"
	"baocao/migrations"
)

// tableContent reads a submission's current values and narratives from
// their tables, as a revision's content.
func tableContent(t *testing.T, db postgres.DBTX, submissionID int64) submission.Content {
	t.Helper()
	ctx := context.Background()
	c := submission.NewContent()
	rows, _ := db.Query(ctx, `SELECT key, number::float8, numerator::float8, denominator::float8, text_value, answer
		FROM submission_values WHERE submission_id = $1`, submissionID)
	var key string
	var v submission.Value
	if _, err := pgx.ForEachRow(rows, []any{&key, &v.Number, &v.Num, &v.Den, &v.Text, &v.Bool}, func() error {
		c.Values[submission.Key(key)] = v
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	rows, _ = db.Query(ctx, "SELECT section, text FROM submission_narratives WHERE submission_id = $1", submissionID)
	var section, text string
	if _, err := pgx.ForEachRow(rows, []any{&section, &text}, func() error {
		c.Narratives[section] = text
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return c
}

// sameContent fails t unless the tables hold exactly want's values (those
// with something entered) and narratives.
func sameContent(t *testing.T, what string, got, want submission.Content) {
	t.Helper()
	entered := 0
	for k, w := range want.Values {
		if w.Empty() {
			continue
		}
		entered++
		if g, ok := got.Values[k]; !ok || !g.Equal(w) {
			t.Errorf("%s: value %s is %+v in the table, %+v in the revision", what, k, g.JSON(), w.JSON())
		}
	}
	if len(got.Values) != entered {
		t.Errorf("%s: %d values in the table, %d in the revision", what, len(got.Values), entered)
	}
	if !maps.Equal(got.Narratives, want.Narratives) {
		t.Errorf("%s: narratives %v in the table, %v in the revision", what, got.Narratives, want.Narratives)
	}
}

// sameAsCurrentRevisions fails t unless every submission's rows are its
// current revision's content (read back through encoding/json, not the
// database); it returns how many values it compared.
func sameAsCurrentRevisions(t *testing.T, pool *pgxpool.Pool) int {
	t.Helper()
	ctx := context.Background()
	rows, _ := pool.Query(ctx, "SELECT id FROM rounds ORDER BY id")
	rounds, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil || len(rounds) == 0 {
		t.Fatalf("rounds: %v", err)
	}
	compared := 0
	for _, round := range rounds {
		subs, err := postgres.ListSubmissions(ctx, pool, access.Scope{}, round)
		if err != nil {
			t.Fatal(err)
		}
		for _, sub := range subs {
			want, err := postgres.Content(ctx, pool, sub.ID, sub.Revision)
			if err != nil {
				t.Fatal(err)
			}
			sameContent(t, sub.UnitCode, tableContent(t, pool, sub.ID), want)
			compared += len(want.Values)
		}
	}
	return compared
}

// Every revision the demo season writes (saves, corrections after a
// return) leaves the tables holding each submission's current revision.
func TestAppendRevision_DemoSeasonIsItsCurrentRevisions(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	if _, err := demo.Install(ctx, pool, "baocao-demo-2024", testkit.PasswordCost, nil); err != nil {
		t.Fatal(err)
	}
	if n := sameAsCurrentRevisions(t, pool); n < 5000 {
		t.Fatalf("only %d values compared", n)
	}
	for _, code := range []string{"NAM-2024", "NAM-2025", "NAM-2026"} {
		r, err := postgres.GetRound(ctx, pool, code)
		if err != nil {
			t.Fatal(err)
		}
		if drift, err := postgres.ValuesDrift(ctx, pool, r.ID); err != nil || len(drift) > 0 {
			t.Errorf("%s: drift %v, %v", code, drift, err)
		}
	}
}

// A revision that changes, removes and adds values and narratives
// rewrites those rows; one that fails leaves them as they were.
func TestAppendRevision_ReplacesCurrentValues(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	unit, u := twoYears(t, ctx, pool) // revision 1 of unit in NAM-2024, empty
	round, _ := postgres.GetRound(ctx, pool, "NAM-2024")
	sub, err := postgres.GetSubmission(ctx, pool, access.Scope{}, round.ID, unit, false)
	if err != nil {
		t.Fatal(err)
	}
	f := func(x float64) *float64 { return &x }
	text, yes := "có tổ chức", true
	second := submission.NewContent()
	second.Values = map[submission.Key]submission.Value{
		"TQ01": {Number: f(409123)}, "TQ01|SEX=M|AGE=A0": {Number: f(0.1)}, "GD01": {Num: f(990), Den: f(1000)},
		"QT01": {Bool: &yes}, "QT02": {Text: &text}, "TQ02": {}}
	second.Narratives = map[string]string{"KQ-II.1": "Đã triển khai.", "KN": "Đề nghị bổ sung kinh phí."}
	second.Explanations = map[string]string{"TQ01": "Tăng do sáp nhập."}
	third := second.Clone()
	delete(third.Values, "TQ01|SEX=M|AGE=A0")
	third.Values["TQ01"] = submission.Value{Number: f(0.30000000000000004)}
	third.Values["GD01"] = submission.Value{Num: f(7)} // a draft's half-entered rate
	third.Values["TQ01|SEX=F|AGE=A0"] = submission.Value{Number: f(12345678901234567890)}
	delete(third.Narratives, "KN")
	third.Narratives["KQ-II.1"] = "Đã triển khai, có kết quả."
	third.Narratives["PH"] = ""

	prev := submission.NewContent()
	for i, content := range []submission.Content{second, third} {
		number := i + 2
		if err := postgres.AppendRevision(ctx, pool, domain.Revision{SubmissionID: sub.ID, Number: number, AuthorID: &u.ID,
			Author: u.Username, Source: "api", Content: content, Changes: submission.Diff(prev, content)}); err != nil {
			t.Fatal(err)
		}
		sameContent(t, "revision "+strconv.Itoa(number), tableContent(t, pool, sub.ID), content)
		prev = content
	}
	var indicator, disaggregation string
	if err := pool.QueryRow(ctx, `SELECT indicator, cell_disaggregation(key)::text FROM submission_values
		WHERE submission_id = $1 AND key = 'TQ01|SEX=F|AGE=A0'`, sub.ID).Scan(&indicator, &disaggregation); err != nil {
		t.Fatal(err)
	}
	if indicator != "TQ01" || disaggregation != `{"AGE": "A0", "SEX": "F"}` {
		t.Errorf("indicator %q, disaggregation %s", indicator, disaggregation)
	}
	// Revision 3 again: the revision is refused, and so are its values.
	fourth := third.Clone()
	fourth.Values["TQ01"] = submission.Value{Number: f(1)}
	err = postgres.AppendRevision(ctx, pool, domain.Revision{SubmissionID: sub.ID, Number: 3, Author: u.Username, Source: "api",
		Content: fourth, Changes: submission.Diff(third, fourth)})
	if err == nil {
		t.Fatal("a second revision 3 was appended")
	}
	sameContent(t, "after the refused revision", tableContent(t, pool, sub.ID), third)
}

// Migration 0015 fills the tables from the current revisions: run again
// on the demo season, it gives what the program wrote.
func TestMigration0015_FillsFromCurrentRevisions(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	if _, err := demo.Install(ctx, pool, "baocao-demo-2024", testkit.PasswordCost, nil); err != nil {
		t.Fatal(err)
	}
	count := func() (n int) {
		if err := pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM submission_values) * 1000000 +
			(SELECT count(*) FROM submission_narratives)`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	written := count()
	sql, err := fs.ReadFile(migrations.FS, "0015_submission_values.up.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `DROP SCHEMA analytics CASCADE;
		DROP TABLE submission_values, submission_narratives;
		DROP FUNCTION cell_disaggregation, revision_values, revision_narratives`); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, string(sql)); err != nil {
		t.Fatalf("0015: %v", err)
	}
	if got := count(); got != written || written < 1_000_000 {
		t.Errorf("backfilled %d values and narratives (values × 10⁶ + narratives), the program wrote %d", got, written)
	}
	sameAsCurrentRevisions(t, pool)
}

// ValuesDrift names each row that is not its current revision's.
func TestValuesDrift_NamesDifferences(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	if _, err := demo.Install(ctx, pool, "baocao-demo-2024", testkit.PasswordCost, nil); err != nil {
		t.Fatal(err)
	}
	r, err := postgres.GetRound(ctx, pool, "NAM-2025")
	if err != nil {
		t.Fatal(err)
	}
	var unit string
	if _, err := pool.Exec(ctx, `WITH one AS (SELECT v.submission_id, v.key FROM submission_values v
			JOIN submissions s ON s.id = v.submission_id WHERE s.round_id = $1 AND v.number IS NOT NULL ORDER BY 1, 2 LIMIT 1)
		UPDATE submission_values v SET number = v.number + 0.001 FROM one WHERE v.submission_id = one.submission_id AND v.key = one.key`,
		r.ID); err != nil {
		t.Fatal(err)
	}
	if err := pool.QueryRow(ctx, `WITH one AS (SELECT n.submission_id, n.section FROM submission_narratives n
			JOIN submissions s ON s.id = n.submission_id WHERE s.round_id = $1 ORDER BY 1, 2 LIMIT 1)
		DELETE FROM submission_narratives n USING one, submissions s
		WHERE n.submission_id = one.submission_id AND n.section = one.section AND s.id = n.submission_id RETURNING s.unit_code`,
		r.ID).Scan(&unit); err != nil {
		t.Fatal(err)
	}
	drift, err := postgres.ValuesDrift(ctx, pool, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(drift) != 2 || !strings.HasPrefix(drift[0], "narrative "+unit+" ") || !strings.HasSuffix(drift[0], "missing from the table") ||
		!strings.HasPrefix(drift[1], "value ") {
		t.Fatalf("drift = %q", drift)
	}
}
