//go:build linux

// The worker-kill drill is Linux-only: its worker processes must die with
// the test binary (Pdeathsig), which no other kernel offers.

package drills

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/demo"
	"baocao/internal/jobs/jobargs"
	"baocao/internal/postgres"
	"baocao/internal/testkit"
)

// The drill's workers give up on a generation after reportTimeout and take
// a running job for orphaned after rescueAfter. Production waits minutes.
// A generation takes about a second on an idle machine, but the drills run
// beside the whole race-enabled test suite on two cores, where one has been
// seen to take several times that: a timeout of a few seconds then fails
// every retried attempt and the drill measures the machine's load rather
// than the recovery. Twenty seconds leaves room; the rescue comes about a
// minute after the kill (rescueAfter, then River's leader lease and its
// rescuer's 30-second pass).
const (
	reportTimeout = 20 * time.Second
	rescueAfter   = 25 * time.Second
	// recoveryWait bounds the wait for the second worker to complete the
	// job: the rescue above, a retry's backoff and the generation itself.
	recoveryWait = 3 * time.Minute
)

// buildBaocao starts compiling the real binary for the drill, as `make
// build` does: without the race detector, which would make a render ten
// times slower than in production. The function it returns waits for the
// build and gives the binary's path.
func buildBaocao(t *testing.T) func() string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "baocao")
	var out bytes.Buffer
	cmd := exec.Command("go", "build", "-o", bin, "baocao/cmd/baocao")
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("go build: %v", err)
	}
	wait := sync.OnceValue(cmd.Wait)
	t.Cleanup(func() {
		// A drill that failed before it needed the binary stops the build.
		cmd.Process.Kill()
		wait()
	})
	return func() string {
		t.Helper()
		if err := wait(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out.String())
		}
		return bin
	}
}

// workerProcess is a `baocao worker` child process.
type workerProcess struct {
	cmd  *exec.Cmd
	log  *logBuffer
	done chan struct{}
}

func startWorker(t *testing.T, bin, dbURL, name string) *workerProcess {
	t.Helper()
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "BAOCAO_") && !strings.HasPrefix(kv, "DATABASE_URL=") && !strings.HasPrefix(kv, "SMTP_URL=") {
			env = append(env, kv)
		}
	}
	env = append(env, "DATABASE_URL="+dbURL, "BAOCAO_ENV=prod", "BAOCAO_MAX_WORKERS=2", "BAOCAO_SHUTDOWN_TIMEOUT=5s",
		"BAOCAO_REPORT_TIMEOUT="+reportTimeout.String(), "BAOCAO_JOB_RESCUE_AFTER="+rescueAfter.String(), "BAOCAO_LOG_LEVEL=debug")
	w := &workerProcess{cmd: exec.Command(bin, "worker"), log: &logBuffer{}, done: make(chan struct{})}
	w.cmd.Env = env
	w.cmd.Stdout, w.cmd.Stderr = w.log, w.log
	// A test binary that dies takes its workers with it. Pdeathsig fires
	// when the forking OS thread exits, not the process, and Go ends a
	// thread whose locked goroutine returns: a thread that forked a worker
	// and was later taken by pglocal for a PostgreSQL that the parallel
	// restart drill stops killed that worker in the middle of this drill.
	// So the worker is forked from a thread locked until it has exited.
	w.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		if err := w.cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		w.cmd.Wait()
		close(w.done)
	}()
	if err := <-started; err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	t.Cleanup(func() {
		exited := "still running"
		select {
		case <-w.done:
			exited = "had exited: " + w.cmd.ProcessState.String()
		default:
		}
		w.cmd.Process.Kill()
		<-w.done
		if t.Failed() {
			t.Logf("%s %s; its last log lines:\n%s", name, exited, w.log.tail(80))
		}
	})
	return w
}

func (w *workerProcess) kill(t *testing.T) {
	t.Helper()
	if err := w.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("SIGKILL: %v", err)
	}
	<-w.done
}

// stop ends the worker as an operator would, with SIGTERM.
func (w *workerProcess) stop(t *testing.T) {
	t.Helper()
	w.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-w.done:
	case <-time.After(30 * time.Second):
		t.Errorf("worker did not stop within 30s of SIGTERM")
	}
}

// killPoint is when during a generation the worker is killed.
type killPoint struct {
	name string
	// wait returns once the point is reached.
	wait func(t *testing.T, pool *pgxpool.Pool, jobID int64)
	// mayFinish: the generation may have committed, or the job even
	// completed, by the time the kill lands.
	mayFinish bool
}

// jobRunning: the worker has taken the job; consolidation is under way.
func jobRunning(t *testing.T, pool *pgxpool.Pool, jobID int64) {
	testkit.Eventually(t, 60*time.Second, "the job is running", func() (bool, error) {
		var state string
		err := pool.QueryRow(context.Background(), "SELECT state FROM river_job WHERE id = $1", jobID).Scan(&state)
		return state == "running", err
	})
}

// numberTaken: the generation's transaction has stored the snapshot and
// taken the next report number, and the worker is rendering.
func numberTaken(t *testing.T, pool *pgxpool.Pool, jobID int64) {
	jobRunning(t, pool, jobID)
	testkit.Eventually(t, 60*time.Second, "the report number is taken", func() (bool, error) {
		var n int
		err := pool.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND state = 'idle in transaction' AND query LIKE 'INSERT INTO report_numbers%'`).Scan(&n)
		return n > 0, err
	})
}

// intoRendering: a random moment up to 700 ms after the number is taken,
// about as long as rendering and storing the files take (0.3 to 0.7 s on
// a busy two-core machine). The kill may land mid-render, after the commit
// but before River marks the job completed (the retry must then add
// nothing), or after the job completed.
func intoRendering(t *testing.T, pool *pgxpool.Pool, jobID int64) {
	numberTaken(t, pool, jobID)
	time.Sleep(rand.N(700 * time.Millisecond))
}

// justCommitted: the generation has committed; River learns that the job
// is done a moment later, from a worker that is gone by then. The rescued
// job runs again and must add nothing.
func justCommitted(t *testing.T, pool *pgxpool.Pool, jobID int64) {
	jobRunning(t, pool, jobID)
	testkit.Eventually(t, 60*time.Second, "the generation has committed", func() (bool, error) {
		return count(t, pool, "SELECT count(*) FROM snapshots") > 0, nil
	})
}

// A worker is killed with SIGKILL during a report generation, at four
// points; a fresh worker rescues the job and the round ends with exactly
// one snapshot, one report number and one set of files.
func TestDrill_WorkerKilledDuringGeneration(t *testing.T) {
	t.Parallel()
	built := buildBaocao(t) // while the demo is installed
	demoURL := demoTemplate(t)
	bin := built()
	for _, point := range []killPoint{
		{"right after the job starts", jobRunning, false},
		{"with the number taken", numberTaken, false},
		{"at a random moment of rendering", intoRendering, true},
		{"right after the commit", justCommitted, true},
	} {
		url := cloneDatabase(t, demoURL)
		t.Run(point.name, func(t *testing.T) {
			t.Parallel()
			killDuringGeneration(t, bin, url, point)
		})
	}
}

func killDuringGeneration(t *testing.T, bin, url string, point killPoint) {
	ctx := context.Background()
	pool, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	res, err := testkit.Inserter(t, pool).Insert(ctx, jobargs.ConsolidateArgs{Round: demo.CurrentRound()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	jobID := res.Job.ID
	dumpJobState(t, pool, jobID)

	first := startWorker(t, bin, url, "the first worker")
	point.wait(t, pool, jobID)
	killedAt := time.Now()
	first.kill(t)

	var state string
	if err := pool.QueryRow(ctx, "SELECT state FROM river_job WHERE id = $1", jobID).Scan(&state); err != nil {
		t.Fatal(err)
	}
	stuck := state == "running"
	switch snapshots := count(t, pool, "SELECT count(*) FROM snapshots"); {
	case stuck && snapshots == 0:
		// Mid-generation: nothing of it is visible, not even a number.
		if n := count(t, pool, "SELECT count(*) FROM reports") + count(t, pool, "SELECT count(*) FROM report_numbers"); n != 0 {
			t.Fatalf("a killed generation left %d files or numbers behind", n)
		}
		t.Log("the kill landed mid-generation")
	case !point.mayFinish:
		t.Fatalf("after the kill the job is %s with %d snapshots; the kill did not land mid-generation", state, snapshots)
	case stuck:
		t.Log("the kill landed after the generation committed, before the job was marked completed")
	default:
		t.Logf("the kill landed after the job was %s", state)
	}

	second := startWorker(t, bin, url, "the second worker")
	testkit.Eventually(t, recoveryWait, "the job is completed by the second worker", func() (bool, error) {
		err := pool.QueryRow(ctx, "SELECT state FROM river_job WHERE id = $1", jobID).Scan(&state)
		if state == "discarded" || state == "cancelled" {
			t.Fatalf("the job ended %s", state)
		}
		return state == "completed", err
	})
	recovered := time.Since(killedAt).Round(time.Second)
	// The calendar of either worker may have asked for the same report;
	// let every such job finish before counting.
	testkit.Eventually(t, 60*time.Second, "no generation is pending", func() (bool, error) {
		n := count(t, pool, "SELECT count(*) FROM river_job WHERE kind = 'consolidate_report' AND finalized_at IS NULL")
		return n == 0, nil
	})
	second.stop(t)

	var attempt int
	var rescued bool
	if err := pool.QueryRow(ctx, `SELECT attempt, EXISTS (SELECT 1 FROM unnest(errors) e WHERE e->>'error' LIKE 'Stuck job rescued%')
		FROM river_job WHERE id = $1`, jobID).Scan(&attempt, &rescued); err != nil {
		t.Fatal(err)
	}
	t.Logf("killed %s; the job completed at attempt %d, %s later", point.name, attempt, recovered)
	if stuck && (attempt < 2 || !rescued) {
		t.Errorf("job attempt %d, rescued %v; want the killed attempt rescued and a later one completing it", attempt, rescued)
	}
	assertOneReportSet(t, pool)
}

// assertOneReportSet checks the round's outcome: one snapshot, report
// number 1 spent once, and one PDF, one workbook and one package of that
// snapshot and number, each intact.
func assertOneReportSet(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	ctx := context.Background()
	if n := count(t, pool, "SELECT count(*) FROM snapshots"); n != 1 {
		t.Errorf("%d snapshots, want 1", n)
	}
	var issuers, last int
	if err := pool.QueryRow(ctx, "SELECT count(*), coalesce(max(last), 0) FROM report_numbers").Scan(&issuers, &last); err != nil {
		t.Fatal(err)
	}
	if issuers != 1 || last != 1 {
		t.Errorf("report numbers: %d issuers, last number %d; want number 1 spent once", issuers, last)
	}
	rows, err := pool.Query(ctx, "SELECT format, number, snapshot_id, size, sha256, data FROM reports ORDER BY format")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var formats []string
	snapshots := map[int64]bool{}
	for rows.Next() {
		var format, sum string
		var number int
		var snapshot, size int64
		var data []byte
		if err := rows.Scan(&format, &number, &snapshot, &size, &sum, &data); err != nil {
			t.Fatal(err)
		}
		formats = append(formats, format)
		snapshots[snapshot] = true
		got := sha256.Sum256(data)
		magic := map[string]string{"pdf": "%PDF-", "xlsx": "PK\x03\x04", "zip": "PK\x03\x04"}[format]
		if number != 1 || int64(len(data)) != size || hex.EncodeToString(got[:]) != sum || !bytes.HasPrefix(data, []byte(magic)) {
			t.Errorf("%s file: number %d, %d bytes stored as %d, checksum ok %v, starts %q", format, number, len(data), size,
				hex.EncodeToString(got[:]) == sum, data[:min(5, len(data))])
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(formats, ",") != "pdf,xlsx,zip" || len(snapshots) != 1 {
		t.Errorf("files %v of %d snapshots; want one pdf, xlsx and zip of one snapshot", formats, len(snapshots))
	}
}
