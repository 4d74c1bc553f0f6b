package bench

import (
	"context"
	"fmt"
	"net/http"

	"baocao/internal/app"
	"baocao/internal/loadgen"
)

// pageClients are the staff loading a page at once in the pages stage: a
// provincial office, not a crowd.
const pageClients = 4

// pages measures the pages staff wait for most at the round's end, each
// loaded over and over by a few staff at once: the round's progress
// (every unit's standing), its reports (the issued sets and their
// deliveries), one unit's form, as a reviewer opens it, and the list of
// rounds staff start from. The measure is
// each page's 95th percentile answer time, against /healthz from the same
// clients; the target is absolute (PageLimit). Run after the end-to-end
// stage, so that the reports page lists the report it made.
func (r *sizeRun) pages(ctx context.Context) error {
	srv, err := startServer(ctx, r.dsn, app.Mode{HTTP: true})
	if err != nil {
		return err
	}
	defer srv.stop()
	client := loadgen.NewClient(pageClients)
	get := func(path string) loadgen.Request {
		return func(ctx context.Context, _ int) (int, error) {
			resp, err := bearerDo(ctx, client, http.MethodGet, srv.base+path, r.inst.StaffToken, nil)
			if err != nil {
				return 0, err
			}
			loadgen.Drain(resp)
			return resp.StatusCode, nil
		}
	}
	measure := func(path string) (*loadgen.Result, error) { return r.load(ctx, pageClients, get(path), "GET "+path) }
	health, err := measure("/healthz")
	if err != nil {
		return err
	}
	round := "/rounds/" + r.inst.Round
	unit := r.inst.Units[0]
	for _, p := range []struct{ measure, path, what string }{
		{MeasurePageProgress, round + "/progress", "the round's progress"},
		{MeasurePageReports, round + "/reports", "the round's reports"},
		{MeasurePageForm, round + "/submissions/" + unit, "the form of " + unit},
		{MeasurePageRounds, "/rounds", "every round with its units"},
	} {
		res, err := measure(p.path)
		if err != nil {
			return err
		}
		r.res.Rows = append(r.res.Rows, Row{Measure: p.measure, Ours: res.Percentile(95), Baseline: health.Percentile(95), Reps: 1, P95: true,
			Detail: fmt.Sprintf("GET %s (%s) by %d staff at once for %s", p.path, p.what, pageClients, r.cfg.APIDuration)})
		r.note("%s: p50 %s, p95 %s, %d pages (%s)", p.measure, FormatDuration(res.Percentile(50)), FormatDuration(res.Percentile(95)),
			res.Count(), res.StatusSummary())
	}
	return nil
}
