package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"
	"github.com/riverqueue/river/rivertype"

	"baocao/internal/domain"
	"baocao/internal/intake"
	"baocao/internal/jobs/jobargs"
	"baocao/internal/notify"
	"baocao/internal/notify/smtptest"
	"baocao/internal/pgtest"
	"baocao/internal/postgres"
	"baocao/internal/rounds"
	"baocao/internal/testkit"
)

// The package's TestMain (pgtest.Main) is in client_test.go.

var discard = slog.New(slog.DiscardHandler)

const mailFrom = "baocao@tinh.gov.vn"

func startDeliverClient(t *testing.T, deps Deps) *Client {
	t.Helper()
	workers := river.NewWorkers()
	river.AddWorker(workers, &DeliverWorker{deps: deps})
	client, err := NewClient(deps, Options{MaxWorkers: 4, Workers: workers, Periodic: []*river.PeriodicJob{}})
	if err != nil {
		t.Fatal(err)
	}
	if err := client.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { Stop(client, 5*time.Second, discard) })
	return client
}

func insertNotice(t *testing.T, db postgres.DBTX, to string) int64 {
	t.Helper()
	id, err := postgres.InsertNotification(context.Background(), db, domain.Notification{
		Kind: "reminder", Audience: "unit", To: to, DedupeKey: "test:" + to,
		Subject: "Nhắc hạn nộp báo cáo quý III năm 2024",
		Body:    "Kính gửi quý cơ quan,\nĐề nghị nộp báo cáo trước ngày 15/10/2024.\nTrân trọng.",
	})
	if err != nil || id == 0 {
		t.Fatalf("insert notification: id %d, %v", id, err)
	}
	return id
}

func notice(t *testing.T, pool *pgxpool.Pool, id int64) domain.Notification {
	t.Helper()
	n, err := postgres.GetNotification(context.Background(), pool, id)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDeliverWorker_OutageThenEachNoticeSentOnce(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	// Down at first: the address is reserved, nothing listens. The delay
	// keeps each delivery open long enough for rival jobs to collide.
	srv := smtptest.New(t, smtptest.Options{Delay: 50 * time.Millisecond})
	const rejected = "khong.ton.tai@tinh.gov.vn"
	srv.Reject(rejected, 550)
	mailer, err := notify.NewSMTP(srv.URL(), mailFrom)
	if err != nil {
		t.Fatal(err)
	}
	deps := Deps{Pool: pool, Logger: discard, Mailer: mailer, RetryDelay: 100 * time.Millisecond, Rounds: roundsService(t, pool)}
	// Two clients stand for two worker processes.
	c1 := startDeliverClient(t, deps)
	startDeliverClient(t, deps)

	good := []string{"so.taichinh@tinh.gov.vn", "so.yte@tinh.gov.vn", "ubnd.rachgia@tinh.gov.vn"}
	ids := map[string]int64{}
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range append(good, rejected) {
		id := insertNotice(t, tx, to)
		ids[to] = id
		if _, err := c1.InsertTx(ctx, tx, jobargs.DeliverArgs{NotificationID: id}, nil); err != nil {
			t.Fatal(err)
		}
		// A rival job for the same notice, on another queue so uniqueness
		// lets it in: only the notice's row lock keeps the two from both
		// sending.
		res, err := c1.InsertTx(ctx, tx, jobargs.DeliverArgs{NotificationID: id},
			&river.InsertOpts{Queue: jobargs.QueueDefault, UniqueOpts: river.UniqueOpts{ByArgs: true, ByQueue: true}})
		if err != nil || res.UniqueSkippedAsDuplicate {
			t.Fatalf("rival job: %v, skipped %v", err, res.UniqueSkippedAsDuplicate)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}

	testkit.Eventually(t, 10*time.Second, "every notice has been tried while the server is down", func() (bool, error) {
		for _, id := range ids {
			if notice(t, pool, id).Attempts < 1 {
				return false, nil
			}
		}
		return true, nil
	})
	for to, id := range ids {
		if n := notice(t, pool, id); n.Status != domain.NoticeQueued || n.LastError == "" {
			t.Fatalf("%s during the outage: status %s, last error %q; want queued with the error", to, n.Status, n.LastError)
		}
	}

	srv.Start()
	testkit.Eventually(t, 15*time.Second, "every notice is sent or failed after the server started", func() (bool, error) {
		for _, id := range ids {
			if notice(t, pool, id).Status == domain.NoticeQueued {
				return false, nil
			}
		}
		return true, nil
	})
	// Let every job finish, so a late duplicate would have arrived.
	testkit.Eventually(t, 15*time.Second, "every delivery job has completed", func() (bool, error) {
		var open int
		err := pool.QueryRow(ctx, `SELECT count(*) FROM river_job
			WHERE kind = 'deliver_notification' AND state <> 'completed'`).Scan(&open)
		return err == nil && open == 0, err
	})

	for _, to := range good {
		n := notice(t, pool, ids[to])
		if n.Status != domain.NoticeSent || n.SentAt == nil || n.LastError != "" {
			t.Errorf("%s: status %s, sent at %v, last error %q; want sent", to, n.Status, n.SentAt, n.LastError)
		}
		if got := srv.Count(to); got != 1 {
			t.Errorf("%s received %d copies, want 1", to, got)
		}
	}
	n := notice(t, pool, ids[rejected])
	if n.Status != domain.NoticeFailed || !strings.Contains(n.LastError, "550") {
		t.Errorf("rejected address: status %s, last error %q; want failed with the 550 reply", n.Status, n.LastError)
	}
	if got := srv.Count(rejected); got != 0 {
		t.Errorf("rejected address received %d copies", got)
	}
	for _, m := range srv.Messages() {
		d, err := m.Decode()
		if err != nil {
			t.Fatal(err)
		}
		if d.Subject != "Nhắc hạn nộp báo cáo quý III năm 2024" || !strings.Contains(d.Body, "Trân trọng.") {
			t.Errorf("message to %v arrived as %q / %q", m.To, d.Subject, d.Body)
		}
	}
}

func TestDeliverWorker_NoMailerLeavesNoticeQueued(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	id := insertNotice(t, pool, "so.taichinh@tinh.gov.vn")
	client := testkit.Inserter(t, pool)
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	// Inserted as the periodic check does, so the job keeps its unique key.
	res, err := client.InsertTx(ctx, tx, jobargs.DeliverArgs{NotificationID: id}, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := rivertest.NewWorker(t, riverpgxv5.New(nil), &river.Config{}, &DeliverWorker{deps: Deps{Pool: pool, Logger: discard}})
	done, err := w.WorkJob(ctx, t, tx, res.Job)
	if err != nil || done.EventKind != river.EventKindJobCompleted {
		t.Fatalf("work: %v, event %v; want the job completed", err, done.EventKind)
	}
	if n := notice(t, pool, id); n.Status != domain.NoticeQueued || n.Attempts != 0 {
		t.Fatalf("notice after a run without SMTP: status %s, attempts %d; want queued, 0", n.Status, n.Attempts)
	}
	// The finished job does not stop the periodic check from enqueueing
	// the notice again.
	again, err := client.InsertTx(ctx, tx, jobargs.DeliverArgs{NotificationID: id}, nil)
	if err != nil || again.UniqueSkippedAsDuplicate {
		t.Fatalf("enqueue again after completion: %v, skipped %v", err, again.UniqueSkippedAsDuplicate)
	}
}

func TestDeliverArgs_UniqueWhileWaiting(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	client := testkit.Inserter(t, pool)
	first, err := client.Insert(ctx, jobargs.DeliverArgs{NotificationID: 7}, nil)
	if err != nil || first.UniqueSkippedAsDuplicate {
		t.Fatalf("first insert: %v, skipped %v", err, first.UniqueSkippedAsDuplicate)
	}
	if first.Job.Queue != jobargs.QueueNotify || first.Job.MaxAttempts != 25 {
		t.Fatalf("job on queue %q with %d attempts, want %q and 25", first.Job.Queue, first.Job.MaxAttempts, jobargs.QueueNotify)
	}
	second, err := client.Insert(ctx, jobargs.DeliverArgs{NotificationID: 7}, nil)
	if err != nil || !second.UniqueSkippedAsDuplicate {
		t.Fatalf("second insert while the first waits: %v, skipped %v; want skipped", err, second.UniqueSkippedAsDuplicate)
	}
}

func TestDeliverWorker_Work_LastAttemptMarksFailed(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	srv := smtptest.New(t, smtptest.Options{}) // never started
	mailer, err := notify.NewSMTP(srv.URL(), mailFrom)
	if err != nil {
		t.Fatal(err)
	}
	w := &DeliverWorker{deps: Deps{Pool: pool, Logger: discard, Mailer: mailer, Rounds: roundsService(t, pool)}}
	id := insertNotice(t, pool, "so.taichinh@tinh.gov.vn")
	maxAttempts := jobargs.DeliverArgs{}.InsertOpts().MaxAttempts
	work := func(attempt int) error {
		return w.Work(ctx, &river.Job[jobargs.DeliverArgs]{
			JobRow: &rivertype.JobRow{ID: 1, Attempt: attempt, MaxAttempts: maxAttempts},
			Args:   jobargs.DeliverArgs{NotificationID: id},
		})
	}
	if err := work(3); err == nil {
		t.Fatal("attempt 3 against a stopped server succeeded")
	}
	if n := notice(t, pool, id); n.Status != domain.NoticeQueued || n.Attempts != 1 {
		t.Fatalf("after attempt 3: status %s, attempts %d; want queued, 1", n.Status, n.Attempts)
	}
	if err := work(maxAttempts); err == nil {
		t.Fatal("last attempt against a stopped server succeeded")
	}
	n := notice(t, pool, id)
	if n.Status != domain.NoticeFailed || n.Attempts != 2 || !strings.HasPrefix(n.LastError, "gave up after 25 attempts: ") {
		t.Fatalf("after the last attempt: status %s, attempts %d, last error %q; want failed, 2, gave up", n.Status, n.Attempts, n.LastError)
	}
	// A job that runs once more (a re-enqueue) finds nothing to do.
	if err := work(1); err != nil {
		t.Fatalf("job for a failed notice: %v, want nil", err)
	}
}

func TestDeliverWorker_NextRetry(t *testing.T) {
	tests := []struct {
		base    time.Duration
		attempt int
		want    time.Duration
	}{
		{0, 1, 10 * time.Second},
		{0, 2, 30 * time.Second},
		{0, 3, time.Minute},
		{0, 4, 2 * time.Minute},
		{0, 5, 5 * time.Minute},
		{0, 6, 10 * time.Minute},
		{0, 24, 10 * time.Minute},
		{100 * time.Millisecond, 1, 100 * time.Millisecond},
		{100 * time.Millisecond, 9, 6 * time.Second},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%v/%d", tt.base, tt.attempt), func(t *testing.T) {
			w := &DeliverWorker{deps: Deps{RetryDelay: tt.base}}
			before := time.Now()
			at := w.NextRetry(&river.Job[jobargs.DeliverArgs]{JobRow: &rivertype.JobRow{Attempt: tt.attempt}})
			// Up to 10% jitter on top.
			if d := at.Sub(before); d < tt.want || d > tt.want+tt.want/10+time.Second {
				t.Fatalf("next retry in %v, want %v plus at most 10%%", d, tt.want)
			}
		})
	}
}

// roundsService is the rounds service as the program builds it, which
// delivers the notices.
func roundsService(t *testing.T, pool *pgxpool.Pool) *rounds.Service {
	jobs := testkit.Inserter(t, pool)
	return rounds.New(pool, intake.New(pool, jobs), jobs)
}
