package synth

import (
	"context"
	"syscall"
	"testing"
	"time"

	"baocao/internal/pgtest"
)

// Generating the national data set, catalog and every unit's content, one
// unit at a time; maxrss-MiB is the process's peak, so run it alone
// (-bench 'Generate/national' -benchtime 1x) for a figure of its own.
func BenchmarkGenerate(b *testing.B) {
	base := seedCatalog(b)
	for _, size := range Sizes {
		b.Run(size.Name, func(b *testing.B) {
			units := 0
			for b.Loop() {
				c, err := Catalog(base, size, 1)
				if err != nil {
					b.Fatal(err)
				}
				units = 0
				if err := Each(c, Year, 7, func(Unit) error { units++; return nil }); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(units), "units")
			reportMaxRSS(b)
		})
	}
}

// Install into a fresh database at each size (the database's creation is
// not timed).
func BenchmarkInstall(b *testing.B) {
	base := seedCatalog(b)
	for _, size := range Sizes {
		b.Run(size.Name, func(b *testing.B) {
			c, err := Catalog(base, size, 1)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				b.StopTimer()
				pool := pgtest.New(b)
				b.StartTimer()
				if _, err := Install(context.Background(), pool, c, Year, time.Now()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func reportMaxRSS(b *testing.B) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "maxrss-MiB") // Linux reports KiB
	}
}
