package drills

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"baocao/internal/access"
	"baocao/internal/demo"
	"baocao/internal/domain"
	"baocao/internal/intake"
	"baocao/internal/jobs"
	"baocao/internal/postgres"
	"baocao/internal/submission"
	"baocao/internal/testkit"
)

// concurrentRounds is how many times each request is raced against itself.
const concurrentRounds = 4

// sameTime sends send twice at once, each on a connection of its own, and
// returns both answers.
func sameTime(t *testing.T, base, token string, send func(c *apiClient) (response, error)) [2]response {
	t.Helper()
	var out [2]response
	var errs [2]error
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range 2 {
		c := newAPIClient(base, token)
		c.http.Transport = &http.Transport{} // no shared connection
		wg.Go(func() {
			<-start
			out[i], errs[i] = send(c)
		})
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// The same PUT, and the same workbook upload, sent twice with one
// Idempotency-Key, one after the other and both in flight at once, through
// the real server over TCP: one revision, one import.
func TestDrill_IdempotentRetries(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dbURL, pool := demoDatabase(t)
	base := startServer(t, dbURL)
	startImportWorkers(t, pool)

	round, err := postgres.GetRound(ctx, pool, demo.CurrentRound())
	if err != nil {
		t.Fatal(err)
	}
	subs, err := postgres.ListSubmissions(ctx, pool, access.Scope{}, round.ID)
	if err != nil {
		t.Fatal(err)
	}
	var sub domain.Submission
	for _, s := range subs {
		if s.Status == submission.StatusDraft {
			sub = s
			break
		}
	}
	if sub.ID == 0 {
		t.Fatal("the demo round has no draft")
	}
	token := apiToken(t, pool, strings.ToLower(sub.UnitCode))
	c := newAPIClient(base, token)
	path := "/api/v1/rounds/" + demo.CurrentRound() + "/submissions/" + sub.UnitCode
	indicator, revision := countCell(t, c, path)
	revisions := func() int {
		return count(t, pool, "SELECT count(*) FROM submission_revisions WHERE submission_id = $1", sub.ID)
	}

	put := func(key string, value int) func(c *apiClient) (response, error) {
		body := map[string]any{"revision": revision,
			"values": []map[string]any{{"indicator": indicator, "disaggregation": map[string]string{}, "value": value}}}
		return func(c *apiClient) (response, error) {
			return c.doJSON("PUT", path, body, map[string]string{"Idempotency-Key": key})
		}
	}
	t.Run("PUT", func(t *testing.T) {
		for i := range concurrentRounds {
			key := fmt.Sprintf("drill-put-%d", i)
			before := revisions()
			answers := sameTime(t, base, token, put(key, 300000+i))
			again, err := put(key, 300000+i)(c)
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, r := range append(answers[:], again) {
				var v submissionView
				if r.status != http.StatusOK || r.json(&v) != nil {
					t.Fatalf("%s: answered %d %s; want 200", key, r.status, r.body)
				}
				got = append(got, v.Revision)
			}
			if got[0] != revision+1 || got[1] != revision+1 || got[2] != revision+1 {
				t.Fatalf("%s sent three times (two at once) answered revisions %v; want %d each", key, got, revision+1)
			}
			if n := revisions() - before; n != 1 {
				t.Fatalf("%s sent three times made %d revisions, want 1", key, n)
			}
			revision++
		}
	})

	t.Run("upload", func(t *testing.T) {
		// The workbook carries the current value; a PUT then changes it,
		// so that each import has a change to make.
		_, revision = countCell(t, c, path)
		r, err := c.do("GET", path+"/form.xlsx", nil, nil)
		if err != nil || r.status != http.StatusOK {
			t.Fatalf("download the form: %d %v", r.status, err)
		}
		workbook := r.body
		for i := range concurrentRounds {
			if r, err := put(fmt.Sprintf("drill-change-%d", i), 400000+i)(c); err != nil || r.status != http.StatusOK {
				t.Fatalf("PUT before upload: %d %v", r.status, err)
			}
			revision++
			key := fmt.Sprintf("drill-upload-%d", i)
			before := revisions()
			upload := func(c *apiClient) (response, error) {
				var body bytes.Buffer
				mw := multipart.NewWriter(&body)
				fw, _ := mw.CreateFormFile("file", "bieu-mau.xlsx")
				fw.Write(workbook)
				mw.Close()
				return c.do("POST", path+"/form.xlsx", &body, map[string]string{"Content-Type": mw.FormDataContentType(), "Idempotency-Key": key})
			}
			answers := sameTime(t, base, token, upload)
			again, err := upload(c)
			if err != nil {
				t.Fatal(err)
			}
			var jobIDs []int64
			for _, r := range append(answers[:], again) {
				var v struct {
					Job int64 `json:"job"`
				}
				if r.status != http.StatusAccepted || r.json(&v) != nil {
					t.Fatalf("%s: answered %d %s; want 202", key, r.status, r.body)
				}
				jobIDs = append(jobIDs, v.Job)
			}
			if jobIDs[0] != jobIDs[1] || jobIDs[0] != jobIDs[2] {
				t.Fatalf("%s sent three times (two at once) started jobs %v; want one", key, jobIDs)
			}
			var job struct {
				State  string `json:"state"`
				Result struct {
					Revision int      `json:"revision"`
					Problems []string `json:"problems"`
				} `json:"result"`
			}
			testkit.Eventually(t, 30*time.Second, "the import has run", func() (bool, error) {
				c.mustGet(t, fmt.Sprintf("/api/v1/jobs/%d", jobIDs[0]), &job)
				return job.State == "completed", nil
			})
			if job.Result.Revision != revision+1 || len(job.Result.Problems) > 0 {
				t.Fatalf("%s: import made revision %d (problems %v); want %d", key, job.Result.Revision, job.Result.Problems, revision+1)
			}
			revision++
			if n := revisions() - before; n != 1 {
				t.Fatalf("%s sent three times made %d revisions, want 1", key, n)
			}
			if n := count(t, pool, "SELECT count(*) FROM uploads WHERE idempotency_key = $1", key); n != 1 {
				t.Fatalf("%s sent three times stored %d uploads, want 1", key, n)
			}
			if n := count(t, pool, "SELECT count(*) FROM river_job WHERE kind = 'import_workbook' AND args->>'upload_id' = "+
				"(SELECT id::text FROM uploads WHERE idempotency_key = $1)", key); n != 1 {
				t.Fatalf("%s sent three times queued %d imports, want 1", key, n)
			}
		}
	})
}

// startImportWorkers runs River workers in this process for the server's
// jobs, as `baocao worker` would, without the periodic calendar: the drill
// wants the imports, not a report rendered under the race detector.
func startImportWorkers(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	logger := testLogger(t, "the workers")
	client, err := jobs.NewClient(jobs.Deps{Pool: pool, Logger: logger, Intake: intake.New(pool, testkit.Inserter(t, pool))},
		jobs.Options{MaxWorkers: 2, Periodic: []*river.PeriodicJob{}})
	if err != nil {
		t.Fatal(err)
	}
	if err := client.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { jobs.Stop(client, 5*time.Second, logger) })
}
