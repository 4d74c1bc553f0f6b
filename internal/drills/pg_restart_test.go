package drills

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"baocao/internal/access"
	"baocao/internal/demo"
	"baocao/internal/pglocal"
	"baocao/internal/postgres"
	"baocao/internal/submission"
	"baocao/internal/testkit"
	"baocao/migrations"
)

// burstUnits is how many agencies write at once during the restart.
const burstUnits = 8

// ack is a write the server answered 200.
type ack struct {
	value    int
	revision int
	at       time.Time
}

// unitWriter is one agency saving its draft again and again through the
// API, as an integration would: each save carries an Idempotency-Key and
// is sent again, with the same key, while the server answers 503.
type unitWriter struct {
	unit      string
	indicator string
	client    *apiClient
	revision  int

	mu       sync.Mutex
	acks     []ack
	failures []response // every non-200 answer
	broken   []error    // transport failures: no complete answer
	gaveUp   bool       // an answer the writer cannot act on stopped it
}

func (w *unitWriter) path() string {
	return "/api/v1/rounds/" + demo.CurrentRound() + "/submissions/" + url.PathEscape(w.unit)
}

// run saves until stop is closed, each value once acknowledged.
func (w *unitWriter) run(stop <-chan struct{}) {
	for seq := 1; ; seq++ {
		select {
		case <-stop:
			return
		default:
		}
		value := 100000 + seq
		body := map[string]any{"revision": w.revision,
			"values": []map[string]any{{"indicator": w.indicator, "disaggregation": map[string]string{}, "value": value}}}
		key := map[string]string{"Idempotency-Key": fmt.Sprintf("drill-%s-%d", w.unit, seq)}
		for {
			r, err := w.client.doJSON("PUT", w.path(), body, key)
			if err == nil && r.status == http.StatusOK {
				var sub submissionView
				if err := r.json(&sub); err != nil {
					w.record(func() { w.broken, w.gaveUp = append(w.broken, err), true })
					return
				}
				w.revision = sub.Revision
				w.record(func() { w.acks = append(w.acks, ack{value: value, revision: sub.Revision, at: time.Now()}) })
				break
			}
			if err != nil {
				w.record(func() { w.broken = append(w.broken, err) })
				time.Sleep(100 * time.Millisecond)
				continue
			}
			w.record(func() { w.failures = append(w.failures, r) })
			if r.status != http.StatusServiceUnavailable {
				w.record(func() { w.gaveUp = true })
				return // not retryable: the drill reports it
			}
			secs, _ := strconv.Atoi(r.header.Get("Retry-After"))
			select {
			case <-stop:
				return
			case <-time.After(time.Duration(max(secs, 1)) * time.Second):
			}
		}
	}
}

func (w *unitWriter) record(f func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	f()
}

// acksSince counts the writes acknowledged after t; it fails once the
// writer has given up, as no more will come.
func (w *unitWriter) acksSince(t time.Time) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.gaveUp {
		last := w.failures[len(w.failures)-1]
		return 0, fmt.Errorf("%s stopped writing on an answer %d %s", w.unit, last.status, last.body)
	}
	n := 0
	for _, a := range w.acks {
		if a.at.After(t) {
			n++
		}
	}
	return n, nil
}

// allSaved reports whether every writer has n writes acknowledged after t.
func allSaved(writers []*unitWriter, n int, t time.Time) (bool, error) {
	for _, w := range writers {
		got, err := w.acksSince(t)
		if err != nil || got < n {
			return false, err
		}
	}
	return true, nil
}

// PostgreSQL is restarted (fast shutdown, a second's pause, start on the
// same data directory and socket) while agencies save drafts through the
// API. Every acknowledged write survives; every other answer is a 503 with
// Retry-After and a Vietnamese message; the same server process, never
// restarted, acknowledges writes again once the database is back.
func TestDrill_PostgresRestartDuringPuts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	base, err := pglocal.MkdirTemp("baocao-drill-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	// Durable, unlike the shared test server: acknowledged writes must
	// survive the restart because they were flushed, not by luck.
	opts := pglocal.Options{DataDir: filepath.Join(base, "data")}
	cluster, err := pglocal.Start(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cluster.Stop() }) // whichever cluster runs last
	dsn := cluster.DSN(cluster.Database())

	pool, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if err := postgres.Migrate(ctx, pool, migrations.FS, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Install(ctx, pool, demoPassword, testkit.PasswordCost, nil); err != nil {
		t.Fatal(err)
	}
	round, err := postgres.GetRound(ctx, pool, demo.CurrentRound())
	if err != nil {
		t.Fatal(err)
	}
	subs, err := postgres.ListSubmissions(ctx, pool, access.Scope{}, round.ID)
	if err != nil {
		t.Fatal(err)
	}
	server := startServer(t, dsn)

	var writers []*unitWriter
	for _, s := range subs {
		if s.Status == "accepted" || s.Status == "submitted" || len(writers) == burstUnits {
			continue
		}
		w := &unitWriter{unit: s.UnitCode, client: newAPIClient(server, apiToken(t, pool, strings.ToLower(s.UnitCode)))}
		w.indicator, w.revision = countCell(t, w.client, w.path())
		writers = append(writers, w)
	}
	pool.Close()
	if len(writers) < burstUnits {
		t.Fatalf("only %d writable submissions in the demo round", len(writers))
	}

	stop := make(chan struct{})
	var wg sync.WaitGroup
	for _, w := range writers {
		wg.Go(func() { w.run(stop) })
	}
	defer func() {
		// A failed check must not leave the writers running.
		select {
		case <-stop:
		default:
			close(stop)
		}
		wg.Wait()
	}()
	started := time.Now()
	testkit.Eventually(t, 60*time.Second, "every agency has saved twice", func() (bool, error) { return allSaved(writers, 2, started) })

	if err := cluster.Stop(); err != nil {
		t.Fatal(err)
	}
	stoppedAt := time.Now()
	time.Sleep(time.Second) // the outage itself, not a wait for anything
	restarted, err := pglocal.Start(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	cluster = restarted
	if cluster.DSN(cluster.Database()) != dsn {
		t.Fatalf("the restarted cluster listens at %s, not %s", cluster.DSN(cluster.Database()), dsn)
	}
	restartedAt := time.Now()
	t.Logf("PostgreSQL was down for %s", restartedAt.Sub(stoppedAt).Round(time.Millisecond))
	testkit.Eventually(t, 60*time.Second, "every agency has saved three times since the restart", func() (bool, error) {
		return allSaved(writers, 3, restartedAt)
	})
	close(stop)
	wg.Wait()
	if r, err := writers[0].client.do("GET", "/healthz", nil, nil); err != nil || r.status != http.StatusOK {
		t.Errorf("/healthz after the restart: %d %v", r.status, err)
	}

	check, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close()
	var acks, unavailable int
	for _, w := range writers {
		acks += len(w.acks)
		for _, err := range w.broken {
			t.Errorf("%s: a request got no complete answer: %v", w.unit, err)
		}
		for _, r := range w.failures {
			unavailable++
			checkRetryable(t, w.unit, r)
		}
		checkAcknowledged(t, check, round.ID, w)
	}
	t.Logf("%d writes acknowledged, %d answered 503 and sent again", acks, unavailable)
	if unavailable == 0 {
		t.Errorf("no request met the outage; the drill did not test it")
	}
}

// checkRetryable: a failed save is a 503 the client can act on.
func checkRetryable(t *testing.T, unit string, r response) {
	t.Helper()
	var body struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	err := r.json(&body)
	secs, _ := strconv.Atoi(r.header.Get("Retry-After"))
	vietnamese := slices.ContainsFunc([]rune(body.Error.Message), func(c rune) bool { return c > unicode.MaxASCII && unicode.IsLetter(c) })
	if r.status != http.StatusServiceUnavailable || secs < 1 || err != nil || body.Error.Code != "unavailable" || !vietnamese {
		t.Errorf("%s: a failed save was answered %d, Retry-After %q: %s; want 503 with Retry-After and a Vietnamese JSON error",
			unit, r.status, r.header.Get("Retry-After"), r.body)
	}
}

// checkAcknowledged: every acknowledged revision holds what was sent, and
// the current one is the last acknowledged.
func checkAcknowledged(t *testing.T, pool postgres.DBTX, roundID int64, w *unitWriter) {
	t.Helper()
	ctx := context.Background()
	sub, err := postgres.GetSubmission(ctx, pool, access.Scope{}, roundID, w.unit, false)
	if err != nil {
		t.Fatalf("%s: %v", w.unit, err)
	}
	last := w.acks[len(w.acks)-1]
	if sub.Revision != last.revision {
		t.Errorf("%s: current revision %d, last acknowledged %d", w.unit, sub.Revision, last.revision)
	}
	for _, a := range w.acks {
		content, err := postgres.Content(ctx, pool, sub.ID, a.revision)
		if err != nil {
			t.Errorf("%s: acknowledged revision %d: %v", w.unit, a.revision, err)
			continue
		}
		v := content.Values[submission.Key(w.indicator)]
		if v.Number == nil || *v.Number != float64(a.value) {
			t.Errorf("%s: revision %d holds %v for %s, acknowledged %d", w.unit, a.revision, v.JSON(), w.indicator, a.value)
		}
	}
}
