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
	return revisionRows(t, db, submissionID, 0)
}

// revisionRows reads the rows of a submission's revision from the tables
// (0: its current rows), as the revision's content.
func revisionRows(t *testing.T, db postgres.DBTX, submissionID int64, revision int) submission.Content {
	t.Helper()
	ctx := context.Background()
	c := submission.NewContent()
	const holds = `submission_id = $1 AND CASE WHEN $2 = 0 THEN valid_until IS NULL
		ELSE valid_from <= $2 AND (valid_until IS NULL OR valid_until > $2) END`
	rows, _ := db.Query(ctx, `SELECT key, number::float8, numerator::float8, denominator::float8, text_value, answer
		FROM submission_values WHERE `+holds, submissionID, revision)
	var key string
	var v submission.Value
	if _, err := pgx.ForEachRow(rows, []any{&key, &v.Number, &v.Num, &v.Den, &v.Text, &v.Bool}, func() error {
		c.Values[submission.Key(key)] = v
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	rows, _ = db.Query(ctx, "SELECT section, text FROM submission_narratives WHERE "+holds, submissionID, revision)
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
	pool := demoPool(t)
	if n := sameAsCurrentRevisions(t, pool); n < 5000 {
		t.Fatalf("only %d values compared", n)
	}
	// And every revision before, each as it was saved.
	rows, _ := pool.Query(ctx, "SELECT submission_id, number FROM submission_revisions ORDER BY 1, 2")
	revs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[struct {
		Submission int64
		Number     int
	}])
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range revs {
		want, err := postgres.Content(ctx, pool, r.Submission, r.Number)
		if err != nil {
			t.Fatal(err)
		}
		sameContent(t, "submission "+strconv.FormatInt(r.Submission, 10)+" revision "+strconv.Itoa(r.Number),
			revisionRows(t, pool, r.Submission, r.Number), want)
	}
	if len(revs) < 100 {
		t.Fatalf("%d revisions compared", len(revs))
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
	// Every revision's rows stay what it held, whatever came after.
	sameContent(t, "revision 1", revisionRows(t, pool, sub.ID, 1), submission.NewContent())
	sameContent(t, "revision 2", revisionRows(t, pool, sub.ID, 2), second)
	sameContent(t, "revision 3", revisionRows(t, pool, sub.ID, 3), third)
	// and cannot be changed: a current row may only be closed.
	for _, sql := range []string{
		"UPDATE submission_values SET number = 1 WHERE submission_id = $1 AND key = 'TQ01' AND valid_from = 2",
		"UPDATE submission_values SET valid_until = 9 WHERE submission_id = $1 AND key = 'TQ01' AND valid_from = 2",
		"UPDATE submission_values SET number = 2, valid_until = 9 WHERE submission_id = $1 AND key = 'TQ01' AND valid_until IS NULL",
		"DELETE FROM submission_values WHERE submission_id = $1 AND key = 'TQ01'",
		"UPDATE submission_narratives SET text = 'x' WHERE submission_id = $1 AND valid_until IS NOT NULL",
		"DELETE FROM submission_narratives WHERE submission_id = $1",
	} {
		if _, err := pool.Exec(ctx, sql, sub.ID); err == nil || !strings.Contains(err.Error(), "immutable") {
			t.Errorf("%s: %v", sql, err)
		}
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

// Migrations 0015 and 0017 fill the tables from the revisions: run again
// on the demo season, they give what the program wrote, row for row
// (every revision's, each run of unchanged values one row).
func TestMigration0017_FillsFromEveryRevision(t *testing.T) {
	ctx := context.Background()
	pool := demoPool(t)
	const rowsWritten = `SELECT md5(string_agg(row(submission_id, key, number, numerator, denominator, text_value, answer,
			valid_from, valid_until)::text, ',' ORDER BY submission_id, key, valid_from)), count(*),
		(SELECT md5(string_agg(row(submission_id, section, text, valid_from, valid_until)::text, ',' ORDER BY submission_id, section, valid_from))
			FROM submission_narratives),
		count(*) FILTER (WHERE valid_until IS NOT NULL)
		FROM submission_values`
	type written struct {
		values     string
		n          int
		narratives string
		closed     int
	}
	read := func() (w written) {
		if err := pool.QueryRow(ctx, rowsWritten).Scan(&w.values, &w.n, &w.narratives, &w.closed); err != nil {
			t.Fatal(err)
		}
		return w
	}
	byProgram := read()
	if _, err := pool.Exec(ctx, `DROP SCHEMA analytics CASCADE;
		DROP TABLE submission_values, submission_narratives;
		DROP FUNCTION cell_disaggregation, revision_values, revision_narratives, revision_rows_only_closed`); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"0015_submission_values.up.sql", "0017_values_by_revision.up.sql"} {
		sql, err := fs.ReadFile(migrations.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := pool.Exec(ctx, string(sql)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if got := read(); got != byProgram || byProgram.n < 5000 || byProgram.closed == 0 {
		t.Errorf("backfilled %+v, the program wrote %+v", got, byProgram)
	}
	sameAsCurrentRevisions(t, pool)
}

// ValuesDrift names each row that is not its current revision's.
func TestValuesDrift_NamesDifferences(t *testing.T) {
	ctx := context.Background()
	pool := demoPool(t)
	r := demoRound(t, pool, "NAM-2025")
	var unit string
	// Tampered with behind the program's back: the rows' guard set aside.
	if _, err := pool.Exec(ctx, `ALTER TABLE submission_values DISABLE TRIGGER submission_values_immutable;
		ALTER TABLE submission_narratives DISABLE TRIGGER submission_narratives_immutable`); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `WITH one AS (SELECT v.submission_id, v.key FROM submission_values v
			JOIN submissions s ON s.id = v.submission_id WHERE s.round_id = $1 AND v.number IS NOT NULL AND v.valid_until IS NULL ORDER BY 1, 2 LIMIT 1)
		UPDATE submission_values v SET number = v.number + 0.001 FROM one WHERE v.submission_id = one.submission_id AND v.key = one.key AND v.valid_until IS NULL`,
		r.ID); err != nil {
		t.Fatal(err)
	}
	if err := pool.QueryRow(ctx, `WITH one AS (SELECT n.submission_id, n.section FROM submission_narratives n
			JOIN submissions s ON s.id = n.submission_id WHERE s.round_id = $1 AND n.valid_until IS NULL ORDER BY 1, 2 LIMIT 1)
		DELETE FROM submission_narratives n USING one, submissions s
		WHERE n.submission_id = one.submission_id AND n.section = one.section AND n.valid_until IS NULL AND s.id = n.submission_id
		RETURNING s.unit_code`,
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

// demoPool is a fresh database with the demo installed (dev mode's data:
// the seasons of both provinces, their submissions and reports).
func demoPool(t *testing.T) *pgxpool.Pool {
	t.Helper()
	pool := pgtest.New(t)
	if _, err := demo.Install(context.Background(), pool, "baocao-demo-2024", testkit.PasswordCost, nil); err != nil {
		t.Fatal(err)
	}
	return pool
}

// demoRound is the demo's round with code, in pool.
func demoRound(t *testing.T, pool *pgxpool.Pool, code string) domain.Round {
	t.Helper()
	r, err := postgres.GetRound(context.Background(), pool, code)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
