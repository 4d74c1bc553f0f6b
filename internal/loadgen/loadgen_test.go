package loadgen

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

func TestRun_PerClient(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1)%10 == 0 {
			w.WriteHeader(http.StatusConflict)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	client := NewClient(8)
	perClient := make([]int, 8)
	res, err := Run(context.Background(), Options{Clients: 8, PerClient: 25}, func(ctx context.Context, c int) (int, error) {
		perClient[c]++ // clients are sequential: no lock needed
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		Drain(resp)
		return resp.StatusCode, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Count() != 200 || hits.Load() != 200 {
		t.Fatalf("%d answers, %d requests served; want 200", res.Count(), hits.Load())
	}
	for c, n := range perClient {
		if n != 25 {
			t.Errorf("client %d made %d requests, want 25", c, n)
		}
	}
	if res.Status[http.StatusOK] != 180 || res.Status[http.StatusConflict] != 20 {
		t.Errorf("statuses %v, want 180 OK and 20 conflicts", res.Status)
	}
	if got := res.StatusSummary(); got != "200×180 409×20" {
		t.Errorf("summary %q", got)
	}
	if res.Percentile(50) <= 0 || res.Percentile(50) > res.Percentile(99) || res.Throughput() <= 0 {
		t.Errorf("p50 %v p99 %v throughput %v", res.Percentile(50), res.Percentile(99), res.Throughput())
	}
}

func TestRun_DurationAndErrors(t *testing.T) {
	boom := errors.New("boom")
	start := time.Now()
	res, err := Run(context.Background(), Options{Clients: 3, Duration: 50 * time.Millisecond}, func(ctx context.Context, c int) (int, error) {
		time.Sleep(5 * time.Millisecond)
		if c == 0 {
			return 0, boom
		}
		return 503, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < 50*time.Millisecond || took > time.Second {
		t.Errorf("ran %v for a 50ms duration", took)
	}
	if res.Errors == 0 || !errors.Is(res.FirstError, boom) {
		t.Errorf("errors %d, first %v", res.Errors, res.FirstError)
	}
	if res.Count5xx() != res.Count() || res.Count() == 0 {
		t.Errorf("%d of %d answers counted as 5xx", res.Count5xx(), res.Count())
	}
}

func TestPercentile(t *testing.T) {
	var lat []time.Duration
	for i := 1; i <= 100; i++ {
		lat = append(lat, time.Duration(i)*time.Millisecond)
	}
	for p, want := range map[float64]time.Duration{50: 50 * time.Millisecond, 99: 99 * time.Millisecond, 100: 100 * time.Millisecond, 0.1: time.Millisecond} {
		if got := Percentile(lat, p); got != want {
			t.Errorf("p%v = %v, want %v", p, got, want)
		}
	}
	if Percentile(nil, 99) != 0 {
		t.Error("percentile of nothing")
	}
	if got := Percentile(lat[:3], 99); got != 3*time.Millisecond {
		t.Errorf("p99 of three = %v, want the largest", got)
	}
}

func TestRun_Refuses(t *testing.T) {
	nop := func(context.Context, int) (int, error) { return 200, nil }
	if _, err := Run(context.Background(), Options{Clients: 0, PerClient: 1}, nop); err == nil {
		t.Error("no clients accepted")
	}
	if _, err := Run(context.Background(), Options{Clients: 1}, nop); err == nil {
		t.Error("a run without end accepted")
	}
}
