package bench

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"baocao/internal/synth"
)

// childEnv makes the test binary act as cmd/baocao-bench, so that the
// harness test runs the real parent and child processes.
const childEnv = "BAOCAO_BENCH_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		os.Exit(Main(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// The whole harness at province size, in a child process as `make bench`
// runs it, with a light load: every measure gets a row with both times,
// the end-to-end time and the child's peak memory are measured, and the
// table lists them all.
func TestRun_Province(t *testing.T) {
	t.Setenv(childEnv, "1")
	cfg := DefaultConfig()
	cfg.Sizes = []synth.Size{synth.Province}
	cfg.Durable = false
	cfg.Reps, cfg.NationalReps = 1, 1
	cfg.APIClients, cfg.APIDuration, cfg.APIWarmup = 40, 500*time.Millisecond, 0
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	var out, logs bytes.Buffer
	results, err := Run(context.Background(), cfg, exe, &out, &logs)
	if err != nil {
		t.Fatalf("%v\nlog:\n%s", err, logs.String())
	}
	if len(results) != 1 {
		t.Fatalf("%d results, want 1", len(results))
	}
	res := results[0]
	if res.Size != "province" || res.Units < 30 || res.Values < res.Units*10 {
		t.Errorf("size %s: %d units, %d values", res.Size, res.Units, res.Values)
	}
	for _, m := range Measures {
		r, ok := res.Row(m.Name)
		if !ok {
			t.Errorf("no %s row", m.Name)
			continue
		}
		if r.Ours <= 0 || r.Baseline <= 0 || r.Reps < 1 {
			t.Errorf("%s: ours %v, baseline %v, %d runs", m.Name, r.Ours, r.Baseline, r.Reps)
		}
		if !strings.Contains(out.String(), "| "+m.Name+" | province | ") {
			t.Errorf("the table lacks the %s row:\n%s", m.Name, out.String())
		}
	}
	if res.EndToEnd <= 0 || res.EndToEnd > 5*time.Minute {
		t.Errorf("end-to-end %v", res.EndToEnd)
	}
	if res.PeakRSS < 10<<20 || res.PeakRSS > 4<<30 {
		t.Errorf("peak RSS %d bytes", res.PeakRSS)
	}
	if !strings.Contains(out.String(), "| measure | size | ours | baseline | ratio | target |") {
		t.Errorf("no table header:\n%s", out.String())
	}
}
