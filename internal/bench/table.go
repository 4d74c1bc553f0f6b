package bench

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"baocao/internal/synth"
)

// WriteTable prints the results as the markdown table of issue #8:
// | measure | size | ours | baseline | ratio | target |, measures in
// their fixed order, sizes in the order given.
func WriteTable(w io.Writer, sizes []SizeResult) {
	fmt.Fprintln(w, "| measure | size | ours | baseline | ratio | target |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---|")
	for _, m := range Measures {
		for _, s := range sizes {
			r, ok := s.Row(m.Name)
			if !ok {
				continue
			}
			ours, base := FormatDuration(r.Ours), FormatDuration(r.Baseline)
			switch {
			case r.P99:
				ours, base = "p99 "+ours, "p99 "+base
			case r.P95:
				ours, base = "p95 "+ours, "p95 "+base
			}
			target := "≤ " + formatTarget(m.Target)
			if m.Limit > 0 {
				target = "≤ " + FormatDuration(m.Limit)
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %.2f | %s %s |\n", m.Name, s.Size, ours, base, r.Ratio(), target, mark(r.Met()))
		}
	}
}

// WriteFigures prints the plain figures under the table: end-to-end time
// and peak memory per size, the growth exponent of every stage, and the
// notes of each size.
func WriteFigures(w io.Writer, sizes []SizeResult) {
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| size | units | values | end-to-end (deadline → PDF, XLSX, ZIP downloadable) | peak RSS |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
	for _, s := range sizes {
		e2e, rss := FormatDuration(s.EndToEnd), FormatBytes(s.PeakRSS)
		if s.Size == synth.National.Name {
			e2e += fmt.Sprintf(" (≤ %s %s)", FormatDuration(NationalEndToEnd), mark(s.EndToEndMet()))
			rss += fmt.Sprintf(" (≤ %s %s)", FormatBytes(NationalPeakRSS), mark(s.MemoryMet()))
		}
		fmt.Fprintf(w, "| %s | %d | %d | %s | %s |\n", s.Size, s.Units, s.Values, e2e, rss)
	}
	writeLikeForLike(w, sizes)
	if len(sizes) >= 2 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Growth exponent of each stage's time against the number of values stored (1.0 = linear), least squares over "+
			sizeNames(sizes)+":")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| stage | ours | baseline |")
		fmt.Fprintln(w, "|---|---:|---:|")
		for _, m := range Measures {
			ours, base := growthOf(sizes, m.Name)
			fmt.Fprintf(w, "| %s | %s | %s |\n", m.Name, formatExponent(ours), formatExponent(base))
		}
		e2e := GrowthExponent(pointsOf(sizes, func(s SizeResult) time.Duration { return s.EndToEnd }))
		fmt.Fprintf(w, "| end-to-end | %s | |\n", formatExponent(e2e))
	}
	for _, s := range sizes {
		if len(s.Notes) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n", s.Size)
		for _, n := range s.Notes {
			fmt.Fprintf(w, "- %s\n", n)
		}
	}
}

// mark is ✓ for a target met.
func mark(met bool) string {
	if met {
		return "✓"
	}
	return "✗ missed"
}

// writeLikeForLike prints ours against the like-for-like baselines, when
// any was measured.
func writeLikeForLike(w io.Writer, sizes []SizeResult) {
	header := false
	for _, m := range Measures {
		for _, s := range sizes {
			r, ok := s.Row(m.Name)
			if !ok || r.Like <= 0 {
				continue
			}
			if !header {
				fmt.Fprintln(w)
				fmt.Fprintln(w, "Against like-for-like baselines (no target: the same kind of work as ours done the plainest way; see BENCHMARKS.md):")
				fmt.Fprintln(w)
				fmt.Fprintln(w, "| measure | size | ours | like-for-like | ratio |")
				fmt.Fprintln(w, "|---|---|---:|---:|---:|")
				header = true
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %.2f |\n", m.Name, s.Size, FormatDuration(r.Ours), FormatDuration(r.Like), r.LikeRatio())
		}
	}
}

func sizeNames(sizes []SizeResult) string {
	names := make([]string, len(sizes))
	for i, s := range sizes {
		names[i] = s.Size
	}
	return strings.Join(names, ", ")
}

// Point is one size's work and the time a stage took at it.
type Point struct {
	Work float64
	Time time.Duration
}

func pointsOf(sizes []SizeResult, t func(SizeResult) time.Duration) []Point {
	var pts []Point
	for _, s := range sizes {
		pts = append(pts, Point{Work: float64(s.Values), Time: t(s)})
	}
	return pts
}

func growthOf(sizes []SizeResult, measure string) (ours, base float64) {
	var po, pb []Point
	for _, s := range sizes {
		if r, ok := s.Row(measure); ok {
			po = append(po, Point{Work: float64(s.Values), Time: r.Ours})
			pb = append(pb, Point{Work: float64(s.Values), Time: r.Baseline})
		}
	}
	return GrowthExponent(po), GrowthExponent(pb)
}

// GrowthExponent is the slope of log(time) against log(work), fitted by
// least squares: time grows as work^exponent. Points without work or
// time are skipped; NaN when fewer than two distinct works remain.
func GrowthExponent(pts []Point) float64 {
	var xs, ys []float64
	for _, p := range pts {
		if p.Work > 0 && p.Time > 0 {
			xs = append(xs, math.Log(p.Work))
			ys = append(ys, math.Log(p.Time.Seconds()))
		}
	}
	n := float64(len(xs))
	if n < 2 {
		return math.NaN()
	}
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	mx, my = mx/n, my/n
	var sxy, sxx float64
	for i := range xs {
		sxy += (xs[i] - mx) * (ys[i] - my)
		sxx += (xs[i] - mx) * (xs[i] - mx)
	}
	if sxx == 0 {
		return math.NaN()
	}
	return sxy / sxx
}

func formatExponent(e float64) string {
	if math.IsNaN(e) {
		return "–"
	}
	return fmt.Sprintf("%.2f", e)
}

func formatTarget(t float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", t), "0"), ".")
}

// FormatDuration shows a duration with three significant figures in a
// unit that suits it: "0.412 ms", "12.3 ms", "1.23 s", "95.1 s".
func FormatDuration(d time.Duration) string {
	switch {
	case d <= 0:
		return "–"
	case d < time.Millisecond:
		return fmt.Sprintf("%.3f ms", float64(d)/float64(time.Millisecond))
	case d < time.Second:
		return threeFigures(float64(d)/float64(time.Millisecond)) + " ms"
	}
	return threeFigures(d.Seconds()) + " s"
}

func threeFigures(v float64) string {
	switch {
	case v < 10:
		return fmt.Sprintf("%.2f", v)
	case v < 100:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.0f", v)
}

// FormatBytes shows a size in MiB.
func FormatBytes(n int64) string {
	if n <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
}
