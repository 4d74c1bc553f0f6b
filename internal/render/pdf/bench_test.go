package pdf

import (
	"testing"

	"baocao/internal/consolidate"
	"baocao/internal/consolidate/consolidatetest"
	"baocao/internal/submission"
)

func benchSnapshot(b *testing.B) *consolidate.Snapshot {
	return consolidatetest.DemoSnapshot(b)
}

// BenchmarkFormatValue formats every figure of the demo snapshot the way
// the report prints it: each cell's province total and each unit's value
// (Vietnamese thousands and decimal separators, rates with two decimals
// and their sign, booleans as units answering yes).
func BenchmarkFormatValue(b *testing.B) {
	s := benchSnapshot(b)
	type figure struct {
		ind consolidate.IndicatorInfo
		v   submission.Value
	}
	var figures []figure
	for _, c := range s.Cells {
		ind, ok := s.Indicator(c.Indicator)
		if !ok {
			b.Fatalf("no indicator %s", c.Indicator)
		}
		if c.Total != nil {
			figures = append(figures, figure{ind, *c.Total})
		}
		for _, v := range c.Units {
			figures = append(figures, figure{ind, v})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := range figures {
			formatValue(figures[i].ind, &figures[i].v)
		}
	}
	b.ReportMetric(float64(len(figures)), "figures/op")
}

// BenchmarkFixed2 is a rate with both decimals ("98,16", "65,00").
func BenchmarkFixed2(b *testing.B) {
	rates := []float64{98.1633, 65, 0.5, 99.6, 100, 12.345}
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range rates {
			fixed2(r)
		}
	}
}

// BenchmarkRender renders the whole demo report: 31 units, 90 indicators,
// appendices in landscape, charts.
func BenchmarkRender(b *testing.B) {
	s := benchSnapshot(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(s, demoMeta); err != nil {
			b.Fatal(err)
		}
	}
}
