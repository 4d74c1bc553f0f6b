package bench

import (
	"time"
)

// The measures of the table, in the order the table lists them.
const (
	MeasureIngest      = "ingest"
	MeasureConsolidate = "consolidate"
	MeasureXLSX        = "xlsx"
	MeasurePDF         = "pdf"
	MeasureAPIPut      = "api-put"
)

// Measures lists every measure with its target: the largest acceptable
// ratio of ours to the baseline measured in the same run (issue #8).
var Measures = []struct {
	Name   string
	Target float64
}{
	{MeasureIngest, 5},
	{MeasureConsolidate, 2},
	{MeasureXLSX, 1.5},
	{MeasurePDF, 1.5},
	{MeasureAPIPut, 10},
}

// Target returns the target ratio of a measure, 0 when it has none.
func Target(measure string) float64 {
	for _, m := range Measures {
		if m.Name == measure {
			return m.Target
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
	// P99 marks latencies (api-put) rather than stage times.
	P99 bool `json:"p99,omitempty"`
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

// Met reports whether the ratio is within the measure's target.
func (r Row) Met() bool {
	t := Target(r.Measure)
	return t == 0 || (r.Baseline > 0 && r.Ratio() <= t)
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

// Row returns the row of a measure.
func (s *SizeResult) Row(measure string) (Row, bool) {
	for _, r := range s.Rows {
		if r.Measure == measure {
			return r, true
		}
	}
	return Row{}, false
}
