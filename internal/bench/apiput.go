package bench

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/app"
	"baocao/internal/intake"
	"baocao/internal/loadgen"
	"baocao/internal/postgres"
	"baocao/internal/submission"
	"baocao/internal/synth"
)

// apiPut loads the real server with cfg.APIClients concurrent clients,
// first on GET /healthz, then each PUTting its own submission over and
// over; the measure is the 99th percentile latency of each. With fewer
// units than clients, the round is copied (same catalog, same units,
// later years) so that every client still owns a submission and no two
// clients race on one revision.
func (r *sizeRun) apiPut(ctx context.Context) error {
	targets, rounds, err := r.putTargets(ctx)
	if err != nil {
		return err
	}
	// The web server alone (no workers): the periodic calendar would
	// otherwise run at random moments of the measure.
	srv, err := startServer(ctx, r.dsn, app.Mode{HTTP: true})
	if err != nil {
		return err
	}
	defer srv.stop()
	client := loadgen.NewClient(len(targets))
	for i := range targets {
		if targets[i].rev, err = currentRevision(ctx, client, srv.base, &targets[i]); err != nil {
			return err
		}
	}
	health := func(ctx context.Context, _ int) (int, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.base+"/healthz", nil)
		if err != nil {
			return 0, err
		}
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		loadgen.Drain(resp)
		return resp.StatusCode, nil
	}
	put := func(ctx context.Context, c int) (int, error) {
		return putOnce(ctx, client, srv.base, &targets[c])
	}
	hz, err := r.load(ctx, len(targets), health, "GET /healthz")
	if err != nil {
		return err
	}
	pt, err := r.load(ctx, len(targets), put, "PUT submission")
	if err != nil {
		return err
	}
	r.res.Rows = append(r.res.Rows, Row{Measure: MeasureAPIPut, Ours: pt.Percentile(99), Baseline: hz.Percentile(99), Reps: 1, P99: true,
		Detail: fmt.Sprintf("%d clients, %s each", len(targets), r.cfg.APIDuration)})
	r.note("api-put: %d concurrent clients, each on its own submission (%d units × %d rounds), %s after %s warm-up; web server alone, no workers",
		len(targets), min(len(r.inst.Units), len(targets)), rounds, r.cfg.APIDuration, r.cfg.APIWarmup)
	r.note("api-put: PUT p50 %s, p99 %s, %.0f requests/s (%s); /healthz p50 %s, p99 %s, %.0f requests/s (%s)",
		FormatDuration(pt.Percentile(50)), FormatDuration(pt.Percentile(99)), pt.Throughput(), pt.StatusSummary(),
		FormatDuration(hz.Percentile(50)), FormatDuration(hz.Percentile(99)), hz.Throughput(), hz.StatusSummary())
	return nil
}

// load warms up, then measures; any answer but 200 fails the stage, since
// a percentile over refusals would mean nothing.
func (r *sizeRun) load(ctx context.Context, clients int, do loadgen.Request, what string) (*loadgen.Result, error) {
	if r.cfg.APIWarmup > 0 {
		if _, err := loadgen.Run(ctx, loadgen.Options{Clients: clients, Duration: r.cfg.APIWarmup}, do); err != nil {
			return nil, err
		}
	}
	res, err := loadgen.Run(ctx, loadgen.Options{Clients: clients, Duration: r.cfg.APIDuration}, do)
	if err != nil {
		return nil, err
	}
	if res.Count() == 0 || res.Status[http.StatusOK] != res.Count() || res.Errors > 0 {
		return nil, fmt.Errorf("%s: not every request answered 200: %s (first failure: %v)", what, res.StatusSummary(), res.FirstError)
	}
	r.logger.Info("loaded", "what", what, "requests", res.Count(), "p50", res.Percentile(50), "p99", res.Percentile(99),
		"per_second", int(res.Throughput()))
	return res, nil
}

// putTargets picks one submission per client: the first units of the
// round, and copies of the round when there are fewer units than clients.
func (r *sizeRun) putTargets(ctx context.Context) ([]putTarget, int, error) {
	n := max(r.cfg.APIClients, 1)
	units := r.inst.Units
	rounds := []string{r.inst.Round}
	if extra := (n+len(units)-1)/len(units) - 1; extra > 0 {
		codes, err := r.copyRound(ctx, extra)
		if err != nil {
			return nil, 0, err
		}
		rounds = append(rounds, codes...)
	}
	want := map[string]bool{}
	for i := range min(n, len(units)) {
		want[units[i]] = true
		// Ingest submitted the round's reports, read-only until their
		// unit withdraws them: what is measured is drafts being saved.
		_, err := r.intake.Withdraw(ctx, r.users[units[i]], r.inst.Round, units[i], "127.0.0.1")
		if err != nil && !errors.As(err, new(*intake.StatusError)) {
			return nil, 0, fmt.Errorf("withdraw %s before the PUTs: %w", units[i], err)
		}
	}
	contents := map[string]synth.Unit{}
	err := synth.Each(r.cat, r.cfg.Year, r.cfg.Seed, func(u synth.Unit) error {
		if want[u.Code] {
			contents[u.Code] = u
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	specs := map[string]*submission.FormSpec{}
	targets := make([]putTarget, n)
	for i := range targets {
		u := contents[units[i%len(units)]]
		spec, err := formSpec(r.cat, specs, u.Form)
		if err != nil {
			return nil, 0, err
		}
		t, err := newPutTarget(spec, u)
		if err != nil {
			return nil, 0, err
		}
		t.round, t.token = rounds[i/len(units)], r.inst.Tokens[u.Code]
		targets[i] = t
	}
	return targets, len(rounds), nil
}

// copyRound opens n more annual rounds like the benchmark's, in the
// following years, expecting the same units on the same forms.
func (r *sizeRun) copyRound(ctx context.Context, n int) ([]string, error) {
	var codes []string
	err := pgx.BeginFunc(ctx, r.pool, func(tx pgx.Tx) error {
		main, err := postgres.GetRound(ctx, tx, r.inst.Round)
		if err != nil {
			return err
		}
		units, err := postgres.ListRoundUnits(ctx, tx, main.ID)
		if err != nil {
			return err
		}
		for k := 1; k <= n; k++ {
			c := main
			c.Code = fmt.Sprintf("%s-T%d", main.Code, k)
			c.Title = fmt.Sprintf("%s (bản sao thử tải %d)", main.Title, k)
			c.PeriodStart, c.PeriodEnd, c.DueAt = main.PeriodStart.AddDate(k, 0, 0), main.PeriodEnd.AddDate(k, 0, 0), main.DueAt.AddDate(k, 0, 0)
			c.Year, c.DataFrom, c.Cutoff = main.Year+k, main.DataFrom.AddDate(k, 0, 0), main.Cutoff.AddDate(k, 0, 0)
			c.CreatedAt = time.Now()
			if _, err := postgres.CreateRound(ctx, tx, c, units); err != nil {
				return err
			}
			codes = append(codes, c.Code)
		}
		return nil
	})
	return codes, err
}
