package bench

import (
	catalogs "baocao/templates/catalog"
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"baocao/internal/synth"
)

// The load test at province size with a few clients: every write the
// server acknowledged is found stored, and the report says so.
func TestLoad_Province(t *testing.T) {
	var out bytes.Buffer
	cfg := LoadConfig{Clients: 12, Duration: 2 * time.Second, Size: synth.Province, Seed: 7, Year: synth.Year}
	if err := Load(context.Background(), cfg, &out, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	report := out.String()
	for _, want := range []string{"12 agencies of the province catalog", "| 0 | ", "PASSED: zero lost writes, zero server errors."} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
	if strings.Contains(report, "| 0 | 0 |") {
		t.Errorf("no write was acknowledged:\n%s", report)
	}
}

// The final check tells a stored submission that is not the last
// acknowledged write: another revision, or another status.
func TestCheckStored(t *testing.T) {
	ctx := context.Background()
	srv, err := StartServer(ctx, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	dsn, err := srv.NewDatabase(ctx, "check")
	if err != nil {
		t.Fatal(err)
	}
	pool, err := openDatabase(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	base, err := catalogs.LoadSeed()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := synth.Catalog(base, synth.Province, 1)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := synth.Install(ctx, pool, cat, synth.Year, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	// Nothing is stored yet: revision 0, not started.
	acked := func(unit string, rev int, submitted bool) *agency {
		return &agency{t: putTarget{unit: unit}, ackRev: rev, ackSubmitted: submitted}
	}
	good := []*agency{acked(inst.Units[0], 0, false), acked(inst.Units[1], 0, false)}
	if lost, detail, err := checkStored(ctx, pool, inst.Round, good); err != nil || lost != 0 {
		t.Fatalf("matching state: %d lost (%s), %v", lost, detail, err)
	}
	bad := []*agency{acked(inst.Units[0], 3, false), acked(inst.Units[1], 0, true), acked(inst.Units[2], 0, false)}
	lost, detail, err := checkStored(ctx, pool, inst.Round, bad)
	if err != nil {
		t.Fatal(err)
	}
	if lost != 2 || !strings.Contains(detail, "revision 0 stored, 3 acknowledged") || !strings.Contains(detail, "status not_started") {
		t.Errorf("%d lost: %s; want the revision and the status told", lost, detail)
	}
}
