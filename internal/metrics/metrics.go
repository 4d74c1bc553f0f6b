// Package metrics exports baocao's Prometheus metrics: the Go runtime, HTTP
// latency by route, River jobs by kind and state, the worker heartbeat and
// the database pool.
package metrics

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/riverqueue/river"

	"baocao/internal/postgres"
)

// Metrics is the process's registry and the instruments fed by HTTP and jobs.
type Metrics struct {
	registry     *prometheus.Registry
	httpDuration *prometheus.HistogramVec
	jobDuration  *prometheus.HistogramVec
}

// New registers every metric; pool backs the collectors that read the
// database at scrape time.
func New(pool *pgxpool.Pool, logger *slog.Logger) *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "baocao_http_request_duration_seconds",
			Help:    "HTTP request latency by route pattern, method and status code.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route", "method", "code"}),
		jobDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "baocao_river_job_duration_seconds",
			Help:    "Time River jobs worked in this process spent running, by kind and resulting state.",
			Buckets: []float64{.01, .05, .1, .5, 1, 5, 10, 30, 60, 300},
		}, []string{"kind", "state"}),
	}
	m.registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.httpDuration,
		m.jobDuration,
		&dbCollector{pool: pool, logger: logger},
	)
	return m
}

// Handler serves the metrics in Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// ObserveRequest records one served request.
func (m *Metrics) ObserveRequest(route, method string, code int, d time.Duration) {
	m.httpDuration.WithLabelValues(route, method, strconv.Itoa(code)).Observe(d.Seconds())
}

// JobEvents returns the event kinds ObserveJobEvents expects.
var JobEvents = []river.EventKind{
	river.EventKindJobCompleted, river.EventKindJobFailed,
	river.EventKindJobCancelled, river.EventKindJobSnoozed,
}

// ObserveJobEvents records each job event from events until it is closed.
func (m *Metrics) ObserveJobEvents(events <-chan *river.Event) {
	for e := range events {
		if e.Job == nil || e.JobStats == nil {
			continue
		}
		m.jobDuration.WithLabelValues(e.Job.Kind, string(e.Job.State)).Observe(e.JobStats.RunDuration.Seconds())
	}
}

var (
	jobsDesc = prometheus.NewDesc("baocao_river_jobs",
		"River jobs in the database by queue, kind and state.", []string{"queue", "kind", "state"}, nil)
	heartbeatDesc = prometheus.NewDesc("baocao_worker_heartbeat_age_seconds",
		"Seconds since a worker last ran the heartbeat job; absent until one has.", nil, nil)
	poolDesc = prometheus.NewDesc("baocao_db_pool_connections",
		"Database pool connections by state.", []string{"state"}, nil)
)

// dbCollector reads job counts and the heartbeat at scrape time, so every
// process reports the whole system's queue, not only its own work.
type dbCollector struct {
	pool   *pgxpool.Pool
	logger *slog.Logger
}

func (c *dbCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- jobsDesc
	ch <- heartbeatDesc
	ch <- poolDesc
}

func (c *dbCollector) Collect(ch chan<- prometheus.Metric) {
	stat := c.pool.Stat()
	ch <- prometheus.MustNewConstMetric(poolDesc, prometheus.GaugeValue, float64(stat.AcquiredConns()), "acquired")
	ch <- prometheus.MustNewConstMetric(poolDesc, prometheus.GaugeValue, float64(stat.IdleConns()), "idle")

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	rows, err := c.pool.Query(ctx, "SELECT queue, kind, state::text, count(*) FROM river_job GROUP BY 1, 2, 3")
	if err != nil {
		c.logger.Warn("metrics: count jobs", "err", err)
		return
	}
	for rows.Next() {
		var queue, kind, state string
		var n int64
		if err := rows.Scan(&queue, &kind, &state, &n); err != nil {
			c.logger.Warn("metrics: count jobs", "err", err)
			break
		}
		ch <- prometheus.MustNewConstMetric(jobsDesc, prometheus.GaugeValue, float64(n), queue, kind, state)
	}
	rows.Close()
	at, err := postgres.LastHeartbeat(ctx, c.pool)
	switch {
	case err == nil:
		ch <- prometheus.MustNewConstMetric(heartbeatDesc, prometheus.GaugeValue, time.Since(at).Seconds())
	case !errors.Is(err, postgres.ErrNoHeartbeat):
		c.logger.Warn("metrics: read heartbeat", "err", err)
	}
}
