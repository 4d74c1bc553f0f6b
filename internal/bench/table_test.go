package bench

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestGrowthExponent(t *testing.T) {
	tests := []struct {
		name string
		pts  []Point
		want float64
	}{
		{"linear", []Point{{100, time.Second}, {1000, 10 * time.Second}, {10000, 100 * time.Second}}, 1},
		{"quadratic", []Point{{10, time.Millisecond}, {100, 100 * time.Millisecond}}, 2},
		{"constant", []Point{{32, 5 * time.Millisecond}, {3400, 5 * time.Millisecond}}, 0},
		{"square root", []Point{{100, 10 * time.Millisecond}, {10000, 100 * time.Millisecond}}, 0.5},
		// Least squares through three points that are not on one line:
		// log-work 0, 1, 2 (base e) against log-time 0, 1, 3 fits 1.5.
		{"fitted", []Point{{1, time.Second}, {math.E, seconds(math.E)}, {math.E * math.E, seconds(math.Exp(3))}}, 1.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := GrowthExponent(tt.pts); math.Abs(got-tt.want) > 1e-6 {
				t.Errorf("GrowthExponent = %v, want %v", got, tt.want)
			}
		})
	}
	for _, pts := range [][]Point{nil, {{100, time.Second}}, {{100, time.Second}, {100, 2 * time.Second}}, {{0, time.Second}, {10, 0}}} {
		if got := GrowthExponent(pts); !math.IsNaN(got) {
			t.Errorf("GrowthExponent(%v) = %v, want NaN (not enough distinct points)", pts, got)
		}
	}
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                         "–",
		412 * time.Microsecond:    "0.412 ms",
		1234 * time.Microsecond:   "1.23 ms",
		12345 * time.Microsecond:  "12.3 ms",
		123456 * time.Microsecond: "123 ms",
		1234 * time.Millisecond:   "1.23 s",
		95123 * time.Millisecond:  "95.1 s",
		612 * time.Second:         "612 s",
	} {
		if got := FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestWriteTable(t *testing.T) {
	sizes := []SizeResult{
		{Size: "province", Units: 31, Values: 2000, EndToEnd: 3 * time.Second, PeakRSS: 150 << 20, Rows: []Row{
			{Measure: MeasureXLSX, Ours: 120 * time.Millisecond, Baseline: 100 * time.Millisecond},
			{Measure: MeasureIngest, Ours: 600 * time.Millisecond, Baseline: 100 * time.Millisecond, Like: 200 * time.Millisecond},
			{Measure: MeasureAPIPut, Ours: 40 * time.Millisecond, Baseline: 5 * time.Millisecond, P99: true},
		}},
		{Size: "communes", Units: 175, Values: 20000, EndToEnd: 6 * time.Second, PeakRSS: 170 << 20, Rows: []Row{
			{Measure: MeasureIngest, Ours: 4 * time.Second, Baseline: time.Second},
			{Measure: MeasureXLSX, Ours: 1200 * time.Millisecond, Baseline: 1000 * time.Millisecond},
			{Measure: MeasurePageForm, Ours: 300 * time.Millisecond, Baseline: 2 * time.Millisecond, P95: true},
		}},
		{Size: "national", Units: 3399, Values: 400000, EndToEnd: 19 * time.Second, PeakRSS: 600 << 20, Rows: []Row{
			{Measure: MeasurePageProgress, Ours: 240 * time.Millisecond, Baseline: 3 * time.Millisecond, P95: true},
		}},
	}
	var b strings.Builder
	WriteTable(&b, sizes)
	want := `| measure | size | ours | baseline | ratio | target |
|---|---|---:|---:|---:|---|
| ingest | province | 600 ms | 100 ms | 6.00 | ≤ 3 ✗ missed |
| ingest | communes | 4.00 s | 1.00 s | 4.00 | ≤ 3 ✗ missed |
| xlsx | province | 120 ms | 100 ms | 1.20 | ≤ 1.5 ✓ |
| xlsx | communes | 1.20 s | 1.00 s | 1.20 | ≤ 1.5 ✓ |
| api-put | province | p99 40.0 ms | p99 5.00 ms | 8.00 | ≤ 10 ✓ |
| page: progress | national | p95 240 ms | p95 3.00 ms | 80.00 | ≤ 250 ms ✓ |
| page: form | communes | p95 300 ms | p95 2.00 ms | 150.00 | ≤ 250 ms ✗ missed |
`
	if b.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	WriteFigures(&b, sizes)
	out := b.String()
	for _, s := range []string{
		"| province | 31 | 2000 | 3.00 s | 150 MiB |",
		"| communes | 175 | 20000 | 6.00 s | 170 MiB |",
		// The national size has absolute targets.
		"| national | 3399 | 400000 | 19.0 s (≤ 20.0 s ✓) | 600 MiB (≤ 512 MiB ✗ missed) |",
		// ingest: 100 ms → 1 s over 10× the values: ours grows as 10^(log 6.67)...
		"| ingest | 0.82 | 1.00 |",
		"| xlsx | 1.00 | 1.00 |",
		"| end-to-end | 0.35 | |",
		"| measure | size | ours | like-for-like | ratio |",
		"| ingest | province | 600 ms | 200 ms | 3.00 |",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("figures lack %q:\n%s", s, out)
		}
	}
	// Only the measured like-for-like baselines are listed.
	if strings.Contains(out, "| ingest | communes | 4.00 s | 0 s") || strings.Count(out, "| ingest | ") != 2 {
		t.Errorf("figures list a like-for-like row that was not measured:\n%s", out)
	}
}

func TestMedian(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		out := make([]time.Duration, len(v))
		for i, x := range v {
			out[i] = time.Duration(x) * time.Millisecond
		}
		return out
	}
	for _, tt := range []struct {
		in   []time.Duration
		want time.Duration
	}{
		{nil, 0},
		{ms(7), 7 * time.Millisecond},
		{ms(9, 1, 5), 5 * time.Millisecond},
		{ms(4, 1, 3, 2), 2500 * time.Microsecond},
	} {
		if got := Median(tt.in); got != tt.want {
			t.Errorf("Median(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
