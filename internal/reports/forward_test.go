package reports

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/notify"
	"baocao/internal/notify/smtptest"
	"baocao/internal/postgres"
)

func TestForward_FinalReportReachesItsDestinationsOnce(t *testing.T) {
	ctx := context.Background()
	pool := seeded(t)
	s := newService(t, pool, &recorder{})
	s.Now = func() time.Time { return time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC) }
	res, err := s.Generate(ctx, "NAM-2026", false)
	if err != nil {
		t.Fatal(err)
	}
	// The upstream system is down once, then takes the package.
	var calls, received atomic.Int32
	var gotSum string
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
			return
		}
		body, _ := io.ReadAll(r.Body)
		if r.Header.Get("Content-Type") == "application/zip" && len(body) > 0 {
			received.Add(1)
			gotSum = r.Header.Get("X-Baocao-Sha256")
		}
	}))
	defer upstream.Close()
	mail := smtptest.Start(t, smtptest.Options{})
	mailer, err := notify.NewSMTP(mail.URL(), "baocao@so.example.vn")
	if err != nil {
		t.Fatal(err)
	}
	staff, _, _ := postgres.UserByUsername(ctx, pool, "staff")
	dest := Destinations{Emails: []string{"cucbmte@moh.example.vn"}, URL: upstream.URL}
	// Only an issued set is marked final.
	if err := s.MarkFinal(ctx, staff, "NAM-2026", res.Number, dest, ""); !errors.Is(err, ErrNotIssued) {
		t.Fatalf("marking a draft final: %v, want ErrNotIssued", err)
	}
	s.Signing = testSigning(t)
	if _, err := s.Issue(ctx, leader(t, pool), "NAM-2026", res.Number, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkFinal(ctx, staff, "NAM-2026", res.Number, dest, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkFinal(ctx, staff, "NAM-2026", res.Number, dest, ""); err != nil {
		t.Fatal(err)
	}
	// Each delivery's job was inserted with it, on the notify queue.
	rows, err := pool.Query(ctx, `SELECT (args->>'delivery_id')::bigint FROM river_job
		WHERE kind = 'forward_report' AND queue = 'notify' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	queued, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		t.Fatal(err)
	}
	if len(queued) != 2 {
		t.Fatalf("%d deliveries started for two destinations (marked final twice)", len(queued))
	}
	// The jobs run: the HTTP delivery fails once and is retried.
	var retried bool
	for _, id := range queued {
		if err := s.Forward(ctx, id, mailer, nil); err != nil {
			retried = true
			if err := s.Forward(ctx, id, mailer, nil); err != nil {
				t.Fatalf("retry: %v", err)
			}
		}
		if err := s.Forward(ctx, id, mailer, nil); err != nil {
			t.Fatalf("a third run of a sent delivery: %v", err)
		}
	}
	if !retried || received.Load() != 1 || mail.Count("cucbmte@moh.example.vn") != 1 {
		t.Fatalf("retried %v, upstream received %d, mail %d; want a retry and one of each", retried, received.Load(), mail.Count("cucbmte@moh.example.vn"))
	}
	zip, _ := postgres.ReportOfSet(ctx, pool, mustRound(t, s).ID, res.Number, "zip")
	if gotSum != zip.SHA256 || !strings.Contains(string(mail.Messages()[0].Data), zip.Filename) {
		t.Fatal("the package sent is not the stored one")
	}
	if err := s.RecordManual(ctx, staff, "NAM-2026", res.Number, "Bộ Y tế", "Gửi bưu điện ngày 04/12/2026", ""); err != nil {
		t.Fatal(err)
	}
	list, _ := postgres.ListDeliveries(ctx, pool, mustRound(t, s).ID)
	sent := 0
	for _, d := range list {
		if d.Status == "sent" {
			sent++
		}
	}
	if len(list) != 3 || sent != 3 {
		t.Fatalf("deliveries = %+v", list)
	}
}
