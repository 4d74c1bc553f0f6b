// Package loadgen is a small closed-loop HTTP load generator: a fixed
// number of clients each send their next request as soon as the previous
// one is answered, for a fixed time or number of requests, and every
// request's latency is kept so that percentiles are exact, not estimated.
package loadgen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sort"
	"sync"
	"time"
)

// Request makes one request for client (0 ≤ client < Options.Clients) and
// returns the HTTP status it got. A client's requests are sequential, so
// a Request may keep per-client state without locking.
type Request func(ctx context.Context, client int) (status int, err error)

// Options say how much load to make.
type Options struct {
	// Clients is the number of concurrent clients.
	Clients int
	// Duration stops the run after this long (requests in flight finish
	// and are counted).
	Duration time.Duration
	// PerClient stops each client after this many requests; zero means
	// no limit. At least one of Duration and PerClient must be set.
	PerClient int
}

// Result is what a run measured.
type Result struct {
	// Elapsed is the wall time from the first request to the last answer.
	Elapsed time.Duration
	// Status counts the answers by HTTP status.
	Status map[int]int
	// Errors counts requests that got no HTTP answer.
	Errors int
	// FirstError is one of those failures, for the report.
	FirstError error
	// latencies of answered requests, sorted.
	latencies []time.Duration
}

// Run makes the load and waits for it to end. A cancelled ctx stops it
// early; requests cut short by that are not counted.
func Run(ctx context.Context, opts Options, do Request) (*Result, error) {
	if opts.Clients < 1 {
		return nil, errors.New("loadgen: at least one client is needed")
	}
	if opts.Duration <= 0 && opts.PerClient <= 0 {
		return nil, errors.New("loadgen: set a duration or a number of requests per client")
	}
	deadline := time.Time{}
	start := time.Now()
	if opts.Duration > 0 {
		deadline = start.Add(opts.Duration)
	}
	type clientResult struct {
		lat    []time.Duration
		status map[int]int
		errs   int
		first  error
	}
	results := make([]clientResult, opts.Clients)
	var wg sync.WaitGroup
	for c := range opts.Clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := &results[c]
			res.status = map[int]int{}
			for n := 0; opts.PerClient == 0 || n < opts.PerClient; n++ {
				if ctx.Err() != nil || (!deadline.IsZero() && !time.Now().Before(deadline)) {
					return
				}
				t0 := time.Now()
				status, err := do(ctx, c)
				d := time.Since(t0)
				if ctx.Err() != nil {
					return
				}
				if err != nil {
					res.errs++
					if res.first == nil {
						res.first = err
					}
					continue
				}
				res.status[status]++
				res.lat = append(res.lat, d)
			}
		}()
	}
	wg.Wait()
	out := &Result{Elapsed: time.Since(start), Status: map[int]int{}}
	for _, r := range results {
		out.latencies = append(out.latencies, r.lat...)
		for s, n := range r.status {
			out.Status[s] += n
		}
		out.Errors += r.errs
		if out.FirstError == nil {
			out.FirstError = r.first
		}
	}
	slices.Sort(out.latencies)
	if err := ctx.Err(); err != nil {
		return out, err
	}
	return out, nil
}

// Count is the number of answered requests.
func (r *Result) Count() int { return len(r.latencies) }

// Throughput is answered requests per second.
func (r *Result) Throughput() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(len(r.latencies)) / r.Elapsed.Seconds()
}

// Percentile returns the latency below which p percent (0 < p ≤ 100) of
// the answered requests fall, by the nearest-rank method; zero without
// answers.
func (r *Result) Percentile(p float64) time.Duration {
	return Percentile(r.latencies, p)
}

// Percentile is the nearest-rank percentile p (0 < p ≤ 100) of sorted.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(float64(len(sorted))*p/100 + 0.999999999)
	rank = min(max(rank, 1), len(sorted))
	return sorted[rank-1]
}

// Count5xx is the number of answers with a server error status.
func (r *Result) Count5xx() int {
	n := 0
	for s, c := range r.Status {
		if s >= 500 {
			n += c
		}
	}
	return n
}

// StatusSummary lists the statuses seen with their counts, "200×1234 409×2".
func (r *Result) StatusSummary() string {
	codes := make([]int, 0, len(r.Status))
	for s := range r.Status {
		codes = append(codes, s)
	}
	sort.Ints(codes)
	out := ""
	for i, s := range codes {
		if i > 0 {
			out += " "
		}
		out += fmt.Sprintf("%d×%d", s, r.Status[s])
	}
	if r.Errors > 0 {
		out += fmt.Sprintf(" errors×%d", r.Errors)
	}
	return out
}

// NewClient returns an HTTP client for clients concurrent users of one
// server: a keep-alive connection per client, no proxy, no compression
// (loopback), so the measure is the server's work and not connection set-up.
func NewClient(clients int) *http.Client {
	return &http.Client{
		Timeout: time.Minute,
		Transport: &http.Transport{
			Proxy:               nil,
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			MaxIdleConns:        clients,
			MaxIdleConnsPerHost: clients,
			MaxConnsPerHost:     clients,
			IdleConnTimeout:     time.Minute,
			DisableCompression:  true,
		},
	}
}

// Drain reads and closes a response body so that its connection is reused.
func Drain(resp *http.Response) {
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}
