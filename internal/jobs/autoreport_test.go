package jobs_test

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"baocao/internal/consolidate"
	"baocao/internal/demo"
	"baocao/internal/intake"
	"baocao/internal/jobs"
	"baocao/internal/jobs/jobargs"
	"baocao/internal/pgtest"
	"baocao/internal/reports"
	"baocao/internal/rounds"
	"baocao/internal/testkit"
)

type placeholderRenderer struct{}

func (placeholderRenderer) PDF(s *consolidate.Snapshot, m consolidate.Meta) (io.WriterTo, error) {
	return strings.NewReader("%PDF " + s.Hash), nil
}
func (placeholderRenderer) XLSX(w io.Writer, s *consolidate.Snapshot, m consolidate.Meta) error {
	_, err := io.WriteString(w, "PK "+s.Hash)
	return err
}

func seededDemo(t *testing.T) *pgxpool.Pool {
	t.Helper()
	pool := pgtest.New(t)
	demo.Now = func() time.Time { return time.Date(2025, 11, 5, 9, 0, 0, 0, time.UTC) }
	if _, err := demo.Install(context.Background(), pool, "baocao-demo-2024", testkit.PasswordCost, nil); err != nil {
		t.Fatal(err)
	}
	return pool
}

// The deadline passes; two worker processes run the calendar; the report
// is generated once, with nobody asking.
func TestReportGeneratedAtTheDeadlineOnce(t *testing.T) {
	ctx := context.Background()
	pool := seededDemo(t)
	inserter := testkit.Inserter(t, pool)
	in := intake.New(pool, inserter)
	rs := rounds.New(pool, in, inserter)
	rs.Now = func() time.Time { return time.Date(2025, 11, 10, 0, 1, 0, 0, time.FixedZone("ICT", 7*3600)) }
	rep := reports.New(pool, in, placeholderRenderer{}, inserter)
	rep.Now = rs.Now
	rep.Notices = rs
	deps := jobs.Deps{Pool: pool, Logger: quiet, Intake: in, Rounds: rs, Reports: rep}
	var clients []*jobs.Client
	for range 2 {
		c, err := jobs.NewClient(deps, jobs.Options{MaxWorkers: 2, Periodic: []*river.PeriodicJob{}})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { jobs.Stop(c, 5*time.Second, quiet) })
		clients = append(clients, c)
	}
	// Both processes' periodic checks fire, as two ticks either side of a
	// minute do. The second goes on another queue: River's uniqueness per
	// minute would fold two ticks of one minute into one.
	for i, c := range clients {
		queue := []string{jobargs.QueueDefault, jobargs.QueueNotify}[i]
		if _, err := c.Insert(ctx, jobargs.TickArgs{}, &river.InsertOpts{Queue: queue, UniqueOpts: river.UniqueOpts{ByQueue: true}}); err != nil {
			t.Fatal(err)
		}
	}
	// A tick asks for a report inside its own transaction, so once both
	// ticks have completed every consolidation they asked for exists; once
	// none of those is left to run, a duplicate would have left its
	// snapshot, files and notice.
	testkit.Eventually(t, 30*time.Second, "both ticks and every consolidation they asked for have run", func() (bool, error) {
		var ticks, pending int
		err := pool.QueryRow(ctx, `SELECT count(*) FILTER (WHERE kind = 'calendar_tick' AND state = 'completed'),
			count(*) FILTER (WHERE kind = 'consolidate_report' AND finalized_at IS NULL) FROM river_job`).Scan(&ticks, &pending)
		return ticks == 2 && pending == 0, err
	})
	if n := count(t, pool, "SELECT count(*) FROM river_job WHERE kind = 'consolidate_report'"); n != 1 {
		t.Fatalf("the two ticks asked for %d consolidations, want 1", n)
	}
	snapshots := count(t, pool, "SELECT count(*) FROM snapshots")
	files := count(t, pool, "SELECT count(*) FROM reports")
	notices := count(t, pool, "SELECT count(*) FROM notifications WHERE kind = 'report_ready'")
	if snapshots != 1 || files != 3 || notices != 1 {
		t.Fatalf("after the deadline: %d snapshots, %d files, %d staff notices; want 1, 3, 1", snapshots, files, notices)
	}
	// A later tick with nothing newly accepted asks for nothing.
	asked := count(t, pool, "SELECT count(*) FROM river_job WHERE kind = 'consolidate_report'")
	if err := rs.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, pool, "SELECT count(*) FROM river_job WHERE kind = 'consolidate_report'") - asked; n != 0 {
		t.Fatalf("%d more consolidations asked for with nothing new", n)
	}
}

// count runs a count(*) query.
func count(t *testing.T, pool *pgxpool.Pool, sql string) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), sql).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}
