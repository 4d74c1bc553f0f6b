package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"baocao/internal/consolidate"
	"baocao/internal/demo"
	"baocao/internal/intake"
	"baocao/internal/jobs"
	"baocao/internal/pgtest"
	"baocao/internal/postgres"
	"baocao/internal/reports"
	"baocao/internal/rounds"
	"baocao/internal/testkit"
)

type placeholderRenderer struct{}

func (placeholderRenderer) PDF(s *consolidate.Snapshot, m consolidate.Meta) ([]byte, error) {
	return []byte("%PDF " + s.Hash), nil
}
func (placeholderRenderer) XLSX(s *consolidate.Snapshot, m consolidate.Meta) ([]byte, error) {
	return []byte("PK " + s.Hash), nil
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
	in := intake.New(pool)
	var client *jobs.Client
	rs := rounds.New(pool, in, nil)
	rs.Now = func() time.Time { return time.Date(2025, 11, 10, 0, 1, 0, 0, time.FixedZone("ICT", 7*3600)) }
	rs.ReportDue = func(ctx context.Context, tx pgx.Tx, r postgres.Round) error {
		_, err := client.InsertTx(ctx, tx, jobs.ConsolidateArgs{Round: r.Code}, nil)
		return err
	}
	rep := reports.New(pool, in, placeholderRenderer{})
	rep.Now = rs.Now
	deps := jobs.Deps{Pool: pool, Logger: quiet, Intake: in, Rounds: rs, Reports: rep, NotifyStaff: rs.NotifyStaff}
	var clients []*jobs.Client
	for range 2 {
		c, err := jobs.NewClient(deps, jobs.Options{Work: true, MaxWorkers: 2, Periodic: []*river.PeriodicJob{}})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { jobs.Stop(c, 5*time.Second, quiet) })
		clients = append(clients, c)
	}
	client = clients[0]
	events, cancel := clients[0].Subscribe(river.EventKindJobCompleted)
	defer cancel()
	events2, cancel2 := clients[1].Subscribe(river.EventKindJobCompleted)
	defer cancel2()
	// Both processes' periodic checks fire in the same minute.
	for _, c := range clients {
		if _, err := c.Insert(ctx, jobs.TickArgs{}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{}}); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.After(30 * time.Second)
	consolidated := 0
	for consolidated == 0 {
		select {
		case e := <-events:
			if e.Job.Kind == "consolidate_report" {
				consolidated++
			}
		case e := <-events2:
			if e.Job.Kind == "consolidate_report" {
				consolidated++
			}
		case <-deadline:
			t.Fatal("no report was generated after the deadline")
		}
	}
	// Let any duplicate run, then count.
	time.Sleep(500 * time.Millisecond)
	var snapshots, files, notices int
	pool.QueryRow(ctx, "SELECT count(*) FROM snapshots").Scan(&snapshots)
	pool.QueryRow(ctx, "SELECT count(*) FROM reports").Scan(&files)
	pool.QueryRow(ctx, "SELECT count(*) FROM notifications WHERE kind = 'report_ready'").Scan(&notices)
	if snapshots != 1 || files != 3 || notices != 1 {
		t.Fatalf("after the deadline: %d snapshots, %d files, %d staff notices; want 1, 3, 1", snapshots, files, notices)
	}
	// A later tick with nothing newly accepted asks for nothing.
	if err := rs.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	var queued int
	pool.QueryRow(ctx, "SELECT count(*) FROM river_job WHERE kind = 'consolidate_report' AND state <> 'completed'").Scan(&queued)
	if queued != 0 {
		t.Fatalf("%d more consolidations queued with nothing new", queued)
	}
}
