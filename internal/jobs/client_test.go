package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"baocao/internal/jobs"
	"baocao/internal/pgtest"
	"baocao/internal/postgres"
	"baocao/internal/testkit"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var quiet = slog.New(slog.DiscardHandler)

// echoArgs is a job kind for these tests only: it reports its ID as run.
type echoArgs struct {
	Tag   string        `json:"tag"`
	Sleep time.Duration `json:"sleep"`
}

func (echoArgs) Kind() string { return "test_echo" }

type echoWorker struct {
	river.WorkerDefaults[echoArgs]
	mu  sync.Mutex
	ran map[string]int
}

func (w *echoWorker) Work(ctx context.Context, job *river.Job[echoArgs]) error {
	select {
	case <-time.After(job.Args.Sleep):
	case <-ctx.Done():
		return ctx.Err()
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.ran[job.Args.Tag]++
	return nil
}

func (w *echoWorker) count(tag string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.ran[tag]
}

func startClient(t *testing.T, pool *pgxpool.Pool, w *echoWorker) *jobs.Client {
	t.Helper()
	workers := river.NewWorkers()
	river.AddWorker(workers, w)
	client, err := jobs.NewClient(jobs.Deps{Pool: pool, Logger: quiet},
		jobs.Options{MaxWorkers: 5, Workers: workers, Periodic: []*river.PeriodicJob{}})
	if err != nil {
		t.Fatal(err)
	}
	if err := client.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { jobs.Stop(client, 5*time.Second, quiet) })
	return client
}

// waitCompleted waits for n completion events of client.
func waitCompleted(t *testing.T, events <-chan *river.Event, n int) []*river.Event {
	t.Helper()
	var got []*river.Event
	timeout := time.After(30 * time.Second)
	for len(got) < n {
		select {
		case e := <-events:
			got = append(got, e)
		case <-timeout:
			t.Fatalf("only %d of %d jobs completed", len(got), n)
		}
	}
	return got
}

func TestClient_CommittedJobRuns(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	w := &echoWorker{ran: map[string]int{}}
	client := startClient(t, pool, w)
	events, cancel := client.Subscribe(river.EventKindJobCompleted)
	defer cancel()

	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "CREATE TABLE written_with_job (n int)"); err != nil {
		t.Fatal(err)
	}
	if _, err := client.InsertTx(ctx, tx, echoArgs{Tag: "committed"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	waitCompleted(t, events, 1)
	if w.count("committed") != 1 {
		t.Fatalf("committed job ran %d times, want 1", w.count("committed"))
	}
}

func TestClient_RolledBackJobNeverRuns(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	w := &echoWorker{ran: map[string]int{}}
	client := startClient(t, pool, w)
	events, cancel := client.Subscribe(river.EventKindJobCompleted)
	defer cancel()

	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.InsertTx(ctx, tx, echoArgs{Tag: "rolled-back"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	// A job inserted after it completes; the rolled-back one left no row to run.
	if _, err := client.Insert(ctx, echoArgs{Tag: "after"}, nil); err != nil {
		t.Fatal(err)
	}
	waitCompleted(t, events, 1)
	var rows int
	if err := pool.QueryRow(ctx, "SELECT count(*) FROM river_job WHERE args->>'tag' = 'rolled-back'").Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows != 0 || w.count("rolled-back") != 0 {
		t.Fatalf("rolled-back job: %d rows, ran %d times; want none", rows, w.count("rolled-back"))
	}
}

func TestClient_SeveralProcessesRunEachJobOnce(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	// Two clients on one database stand for two `baocao worker` processes.
	w1 := &echoWorker{ran: map[string]int{}}
	w2 := &echoWorker{ran: map[string]int{}}
	c1 := startClient(t, pool, w1)
	c2 := startClient(t, pool, w2)
	e1, cancel1 := c1.Subscribe(river.EventKindJobCompleted)
	defer cancel1()
	e2, cancel2 := c2.Subscribe(river.EventKindJobCompleted)
	defer cancel2()

	const n = 40
	var params []river.InsertManyParams
	for i := range n {
		params = append(params, river.InsertManyParams{Args: echoArgs{Tag: string(rune('A' + i)), Sleep: 10 * time.Millisecond}})
	}
	if _, err := c1.InsertMany(ctx, params); err != nil {
		t.Fatal(err)
	}
	merged := make(chan *river.Event)
	go func() {
		for {
			select {
			case e, ok := <-e1:
				if !ok {
					return
				}
				merged <- e
			case e, ok := <-e2:
				if !ok {
					return
				}
				merged <- e
			}
		}
	}()
	waitCompleted(t, merged, n)
	for i := range n {
		tag := string(rune('A' + i))
		if got := w1.count(tag) + w2.count(tag); got != 1 {
			t.Errorf("job %s ran %d times, want 1", tag, got)
		}
	}
}

func TestStop_LetsRunningJobFinish(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	w := &echoWorker{ran: map[string]int{}}
	client := startClient(t, pool, w)
	res, err := client.Insert(ctx, echoArgs{Tag: "slow", Sleep: 500 * time.Millisecond}, nil)
	if err != nil {
		t.Fatal(err)
	}
	waitRunning(t, pool, res.Job.ID)
	if err := jobs.Stop(client, 10*time.Second, quiet); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if w.count("slow") != 1 {
		t.Fatal("running job did not finish before Stop returned")
	}
}

func TestStop_CancelsJobsPastGrace(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	w := &echoWorker{ran: map[string]int{}}
	client := startClient(t, pool, w)
	res, err := client.Insert(ctx, echoArgs{Tag: "stuck", Sleep: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	waitRunning(t, pool, res.Job.ID)
	if err := jobs.Stop(client, 200*time.Millisecond, quiet); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	var state string
	if err := pool.QueryRow(ctx, "SELECT state FROM river_job WHERE id = $1", res.Job.ID).Scan(&state); err != nil {
		t.Fatal(err)
	}
	// Cancelled by shutdown, the job goes back to be worked again, not lost.
	if state != "available" && state != "retryable" {
		t.Fatalf("job state after cancelled shutdown = %s, want available or retryable", state)
	}
	if w.count("stuck") != 0 {
		t.Fatal("cancelled job counted as done")
	}
}

func TestHeartbeat_RecordedByRegisteredPeriodicJob(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	if _, err := postgres.LastHeartbeat(ctx, pool); !errors.Is(err, postgres.ErrNoHeartbeat) {
		t.Fatalf("LastHeartbeat on a new database: %v, want ErrNoHeartbeat", err)
	}
	client, err := jobs.NewClient(jobs.Deps{Pool: pool, Logger: quiet}, jobs.Options{MaxWorkers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer jobs.Stop(client, 5*time.Second, quiet)
	var at time.Time
	testkit.Eventually(t, 30*time.Second, "a heartbeat is recorded", func() (bool, error) {
		var err error
		at, err = postgres.LastHeartbeat(ctx, pool)
		return err == nil, err
	})
	if time.Since(at) > time.Minute {
		t.Fatalf("heartbeat at %v is old", at)
	}
}

func waitRunning(t *testing.T, pool *pgxpool.Pool, id int64) {
	t.Helper()
	testkit.Eventually(t, 30*time.Second, fmt.Sprintf("job %d is running", id), func() (bool, error) {
		var state string
		err := pool.QueryRow(context.Background(), "SELECT state FROM river_job WHERE id = $1", id).Scan(&state)
		return state == "running", err
	})
}
