package bench

import (
	catalogs "baocao/templates/catalog"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"time"

	"baocao/internal/access"
	"baocao/internal/app"
	"baocao/internal/loadgen"
	"baocao/internal/postgres"
	"baocao/internal/submission"
	"baocao/internal/synth"
)

// LoadConfig is the deadline-eve load test (issue #9).
type LoadConfig struct {
	// Clients agencies, each on its own unit of the synthetic catalog of
	// Size, save and submit for Duration.
	Clients  int
	Duration time.Duration
	Size     synth.Size
	Seed     uint64
	Year     int
	Durable  bool
}

// DefaultLoadConfig is `make load`: 300 agencies of the national catalog
// for a minute.
func DefaultLoadConfig() LoadConfig {
	d := DefaultConfig()
	return LoadConfig{Clients: 300, Duration: time.Minute, Size: synth.National, Seed: d.Seed, Year: d.Year, Durable: d.Durable}
}

// agency is one load-test client: its unit's submission and what the
// server acknowledged last.
type agency struct {
	t   putTarget
	rng *rand.Rand
	// untilSubmit counts the saves left before the next submission.
	untilSubmit int
	// last is the last acknowledged operation: the revision and narrative
	// text of the last 200-answered PUT, and whether a submit was
	// acknowledged after it.
	ackRev       int
	ackText      string
	ackSubmitted bool
	acks         int
	// unsure counts requests without an answer (their effect unknown).
	unsure int
	// put and submit latencies of this client.
	putLat, submitLat []time.Duration
}

// Load runs the deadline-eve load test: cfg.Clients agencies of the
// national catalog save their submission with small changes over and
// over, submitting now and then and withdrawing the submission to go on
// correcting it (a submitted report is read-only), against one server in
// this process on a loopback port, with its workers running. At the end
// every unit's stored revision must be the last one the server
// acknowledged, with the text that was sent, and submitted exactly when
// the last acknowledged request was a submit; no answer may be a 5xx.
func Load(ctx context.Context, cfg LoadConfig, w io.Writer, logger *slog.Logger) error {
	srv, err := StartServer(ctx, cfg.Durable, nil)
	if err != nil {
		return err
	}
	defer srv.Stop()
	dsn, err := srv.NewDatabase(ctx, "load")
	if err != nil {
		return err
	}
	pool, err := openDatabase(ctx, dsn)
	if err != nil {
		return err
	}
	defer pool.Close()
	base, err := catalogs.LoadSeed()
	if err != nil {
		return err
	}
	cat, err := synth.Catalog(base, cfg.Size, cfg.Seed)
	if err != nil {
		return err
	}
	inst, err := synth.Install(ctx, pool, cat, cfg.Year, time.Now())
	if err != nil {
		return err
	}
	if cfg.Clients > len(inst.Units) {
		return fmt.Errorf("%d clients but only %d units", cfg.Clients, len(inst.Units))
	}
	// Units spread over the whole list: departments, districts, communes.
	picked := map[string]bool{}
	for i := range cfg.Clients {
		picked[inst.Units[i*len(inst.Units)/cfg.Clients]] = true
	}
	agencies := make([]*agency, 0, cfg.Clients)
	specs := map[string]*submission.FormSpec{}
	err = synth.Each(cat, cfg.Year, cfg.Seed, func(u synth.Unit) error {
		if !picked[u.Code] {
			return nil
		}
		spec, err := formSpec(cat, specs, u.Form)
		if err != nil {
			return err
		}
		t, err := newPutTarget(spec, u)
		if err != nil {
			return err
		}
		t.round, t.token = inst.Round, inst.Tokens[u.Code]
		g := &agency{t: t, rng: rand.New(rand.NewPCG(cfg.Seed, uint64(len(agencies))))}
		g.untilSubmit = 3 + g.rng.IntN(10)
		agencies = append(agencies, g)
		return nil
	})
	if err != nil {
		return err
	}
	logger.Info("load test installed", "units", len(inst.Units), "clients", len(agencies))
	app, err := startServer(ctx, dsn, app.Mode{HTTP: true, Work: true})
	if err != nil {
		return err
	}
	defer app.stop()
	client := loadgen.NewClient(len(agencies))
	for _, g := range agencies {
		if g.t.rev, err = currentRevision(ctx, client, app.base, &g.t); err != nil {
			return err
		}
		g.ackRev = g.t.rev
	}
	logger.Info("load test running", "clients", len(agencies), "duration", cfg.Duration)
	res, err := loadgen.Run(ctx, loadgen.Options{Clients: len(agencies), Duration: cfg.Duration}, func(ctx context.Context, c int) (int, error) {
		return agencies[c].step(ctx, client, app.base)
	})
	if err != nil {
		return err
	}
	lost, detail, err := checkStored(ctx, pool, inst.Round, agencies)
	if err != nil {
		return err
	}
	var puts, submits []time.Duration
	acks, unsure := 0, 0
	for _, g := range agencies {
		puts, submits = append(puts, g.putLat...), append(submits, g.submitLat...)
		acks += g.acks
		unsure += g.unsure
	}
	slices.Sort(puts)
	slices.Sort(submits)
	fmt.Fprintf(w, "baocao deadline-eve load test, %s, on %s\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"), Machine())
	fmt.Fprintf(w, "%d agencies of the %s catalog (%d units), each on its own unit, saving and submitting for %s against one server on loopback (web and workers, PostgreSQL %s).\n\n",
		len(agencies), cfg.Size.Name, len(inst.Units), cfg.Duration, map[bool]string{true: "fsync on", false: "fsync off"}[cfg.Durable])
	fmt.Fprintln(w, "| requests | per second | p50 | p99 | PUT p50 | PUT p99 | submit p50 | submit p99 | statuses | 5xx | acknowledged writes | lost writes |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|")
	fmt.Fprintf(w, "| %d | %.0f | %s | %s | %s | %s | %s | %s | %s | %d | %d | %d |\n",
		res.Count(), res.Throughput(), FormatDuration(res.Percentile(50)), FormatDuration(res.Percentile(99)),
		FormatDuration(loadgen.Percentile(puts, 50)), FormatDuration(loadgen.Percentile(puts, 99)),
		FormatDuration(loadgen.Percentile(submits, 50)), FormatDuration(loadgen.Percentile(submits, 99)),
		res.StatusSummary(), res.Count5xx(), acks, lost)
	if unsure > 0 {
		fmt.Fprintf(w, "\n%d requests got no answer (first: %v); their units are checked against the last acknowledged write all the same.\n", unsure, res.FirstError)
	}
	var problems []string
	if n := res.Count5xx(); n > 0 {
		problems = append(problems, fmt.Sprintf("%d server errors", n))
	}
	if lost > 0 {
		problems = append(problems, fmt.Sprintf("%d units whose stored submission is not their last acknowledged write: %s", lost, detail))
	}
	if len(problems) > 0 {
		fmt.Fprintf(w, "\nFAILED: %s\n", strings.Join(problems, "; "))
		return fmt.Errorf("load test failed: %s", strings.Join(problems, "; "))
	}
	fmt.Fprintln(w, "\nPASSED: zero lost writes, zero server errors.")
	return nil
}

// step is one request of an agency: usually a save, sometimes a submit.
func (g *agency) step(ctx context.Context, client *http.Client, base string) (int, error) {
	if g.untilSubmit == 0 {
		g.untilSubmit = 3 + g.rng.IntN(10)
		t0 := time.Now()
		status, err := postAction(ctx, client, base, &g.t, "/submit")
		if err != nil {
			g.unsure++
			return 0, err
		}
		g.submitLat = append(g.submitLat, time.Since(t0))
		if status == http.StatusOK {
			g.ackSubmitted = true
			g.acks++
		}
		return status, nil
	}
	if g.ackSubmitted {
		// Submitted reports are read-only: take it back to correct it.
		status, err := postAction(ctx, client, base, &g.t, "/withdraw")
		if err != nil {
			g.unsure++
			return 0, err
		}
		if status == http.StatusOK {
			g.ackSubmitted = false
			g.acks++
		}
		return status, nil
	}
	g.untilSubmit--
	t0 := time.Now()
	status, err := putOnce(ctx, client, base, &g.t)
	if err != nil {
		g.unsure++
		return 0, err
	}
	g.putLat = append(g.putLat, time.Since(t0))
	switch status {
	case http.StatusOK:
		g.ackRev, g.ackText, g.ackSubmitted = g.t.rev, g.t.narratives[g.t.vary], false
		g.acks++
	case http.StatusConflict:
		// Another writer moved the revision on (it cannot be another
		// client here, so it would be a bug): read it and go on.
		if rev, err := currentRevision(ctx, client, base, &g.t); err == nil {
			g.t.rev = rev
		}
	}
	return status, nil
}

// postAction posts a submission's action (/submit, /withdraw) once.
func postAction(ctx context.Context, client *http.Client, base string, t *putTarget, action string) (int, error) {
	resp, err := bearerDo(ctx, client, http.MethodPost, t.url(base)+action, t.token, nil)
	if err != nil {
		return 0, err
	}
	loadgen.Drain(resp)
	return resp.StatusCode, nil
}

// checkStored compares every unit's stored submission with its last
// acknowledged write, and returns how many differ, with the first few.
func checkStored(ctx context.Context, pool postgres.DBTX, round string, agencies []*agency) (int, string, error) {
	r, err := postgres.GetRound(ctx, pool, round)
	if err != nil {
		return 0, "", err
	}
	lost := 0
	var first []string
	for _, g := range agencies {
		sub, err := postgres.GetSubmission(ctx, pool, access.Scope{}, r.ID, g.t.unit, false)
		if err != nil {
			return 0, "", err
		}
		content, err := postgres.Content(ctx, pool, sub.ID, sub.Revision)
		if err != nil {
			return 0, "", err
		}
		var why string
		switch {
		case sub.Revision != g.ackRev:
			why = fmt.Sprintf("revision %d stored, %d acknowledged", sub.Revision, g.ackRev)
		case g.ackText != "" && content.Narratives[g.t.vary] != g.ackText:
			why = "stored text differs from the acknowledged one"
		case g.ackSubmitted != (sub.Status == "submitted"):
			why = fmt.Sprintf("status %s, last acknowledged request a submit: %v", sub.Status, g.ackSubmitted)
		}
		if why != "" {
			lost++
			if len(first) < 5 {
				first = append(first, g.t.unit+": "+why)
			}
		}
	}
	return lost, strings.Join(first, "; "), nil
}
