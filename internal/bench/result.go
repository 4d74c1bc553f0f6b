package bench

import (
	"time"

	"baocao/internal/synth"
)

// The measures of the table, in the order the table lists them.
const (
	MeasureIngest      = "ingest"
	MeasureConsolidate = "consolidate"
	MeasureXLSX        = "xlsx"
	MeasurePDF         = "pdf"
	MeasureAPIPut      = "api-put"
	// The pages staff wait for most, p95 of their answer time.
	MeasurePageProgress = "page: progress"
	MeasurePageReports  = "page: reports"
	MeasurePageForm     = "page: form"
	MeasurePageRounds   = "page: rounds"
)

// Measures lists every measure with its target (issues #8 and #19):
// the largest acceptable ratio of ours to the baseline measured in the
// same run, or for the pages the longest acceptable time.
var Measures = []struct {
	Name   string
	Target float64
	// Limit is an absolute target: ours must not take longer.
	Limit time.Duration
}{
	{MeasureIngest, 3, 0},
	{MeasureConsolidate, 2, 0},
	{MeasureXLSX, 1.5, 0},
	{MeasurePDF, 1.5, 0},
	{MeasureAPIPut, 10, 0},
	{MeasurePageProgress, 0, PageLimit},
	{MeasurePageReports, 0, PageLimit},
	{MeasurePageForm, 0, PageLimit},
	{MeasurePageRounds, 0, PageLimit},
}

// The absolute targets of issue #19: each page's p95, and at national size
// the end-to-end time and the peak memory.
const (
	PageLimit        = 250 * time.Millisecond
	NationalEndToEnd = 20 * time.Second
	NationalPeakRSS  = 512 << 20
)

// Target returns the target ratio of a measure, 0 when it has none.
func Target(measure string) float64 {
	for _, m := range Measures {
		if m.Name == measure {
			return m.Target
		}
	}
	return 0
}

// Limit returns the absolute target of a measure, 0 when it has none.
func Limit(measure string) time.Duration {
	for _, m := range Measures {
		if m.Name == measure {
			return m.Limit
		}
	}
	return 0
}

// Row is one measure at one size: our time and the baseline's, each the
// median of Reps runs (or, for api-put, the 99th percentile latency).
type Row struct {
	Measure  string        `json:"measure"`
	Ours     time.Duration `json:"ours_ns"`
	Baseline time.Duration `json:"baseline_ns"`
	// Reps is how many runs the median is taken of (1: a single run).
	Reps int `json:"reps"`
	// P99 and P95 mark latencies (api-put, the pages) rather than stage
	// times.
	P99 bool `json:"p99,omitempty"`
	P95 bool `json:"p95,omitempty"`
	// Detail says what was measured, for the notes under the table.
	Detail string `json:"detail,omitempty"`
	// Like is a second baseline doing the same kind of work as ours
	// (the ingest: a transaction per save and per submit; the
	// consolidation: every value read, not only the sums), median of as
	// many runs; 0 when the measure has none. It has no target: it tells
	// how much of a ratio is the work the measure asks for and how much
	// is ours.
	Like time.Duration `json:"like_ns,omitempty"`
}

// Ratio is ours ÷ baseline; lower is better.
func (r Row) Ratio() float64 {
	if r.Baseline <= 0 {
		return 0
	}
	return float64(r.Ours) / float64(r.Baseline)
}

// LikeRatio is ours ÷ the like-for-like baseline, 0 without one.
func (r Row) LikeRatio() float64 {
	if r.Like <= 0 {
		return 0
	}
	return float64(r.Ours) / float64(r.Like)
}

// Met reports whether the ratio, and the time, are within the measure's
// targets.
func (r Row) Met() bool {
	t, l := Target(r.Measure), Limit(r.Measure)
	return (t == 0 || (r.Baseline > 0 && r.Ratio() <= t)) && (l == 0 || (r.Ours > 0 && r.Ours <= l))
}

// SizeResult is everything measured at one size, in one process.
type SizeResult struct {
	Size  string `json:"size"`
	Units int    `json:"units"`
	// Values is the number of cell values stored by the ingest (the work
	// the growth exponents are taken against).
	Values int   `json:"values"`
	Rows   []Row `json:"rows"`
	// EndToEnd is from the deadline passing to all three report files
	// being downloadable.
	EndToEnd time.Duration `json:"end_to_end_ns"`
	// PeakRSS is the process's peak resident memory, bytes (filled in by
	// the parent from the child's resource usage).
	PeakRSS int64 `json:"peak_rss"`
	// Notes are facts about the run worth printing (concurrency, request
	// counts, file sizes).
	Notes []string `json:"notes,omitempty"`
}

// EndToEndMet and MemoryMet report whether the size meets the absolute
// targets of the national size; the smaller sizes have none.
func (s *SizeResult) EndToEndMet() bool {
	return s.Size != synth.National.Name || (s.EndToEnd > 0 && s.EndToEnd <= NationalEndToEnd)
}

func (s *SizeResult) MemoryMet() bool {
	return s.Size != synth.National.Name || (s.PeakRSS > 0 && s.PeakRSS <= NationalPeakRSS)
}

// Row returns the row of a measure.
func (s *SizeResult) Row(measure string) (Row, bool) {
	for _, r := range s.Rows {
		if r.Measure == measure {
			return r, true
		}
	}
	return Row{}, false
}
