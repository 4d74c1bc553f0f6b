package pdf_test

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"baocao/internal/bench"
	"baocao/internal/consolidate"
	"baocao/internal/consolidate/consolidatetest"
	"baocao/internal/render/pdf"
)

// scaledSnapshot is the demo snapshot with each included unit repeated
// copies times under new codes (the demo has 22 included units; 8 copies
// is about the communes size of the benchmarks, 175 units).
func scaledSnapshot(b *testing.B, copies int) *consolidate.Snapshot {
	b.Helper()
	s := *consolidatetest.DemoSnapshot(b)
	var units []consolidate.UnitStatus
	for _, u := range s.Completeness.Units {
		for k := range copies {
			c := u
			if k > 0 {
				c.Unit = fmt.Sprintf("%s-%d", u.Unit, k)
				c.Name = fmt.Sprintf("%s (%d)", u.Name, k)
				for i := range s.Cells {
					if v, ok := s.Cells[i].Units[u.Unit]; ok {
						s.Cells[i].Units[c.Unit] = v
					}
				}
			}
			units = append(units, c)
		}
	}
	s.Completeness.Units = units
	return &s
}

var benchMeta = consolidate.Meta{Number: 7, Date: time.Date(2025, 11, 4, 23, 30, 0, 0, time.UTC), Issued: true,
	Roles: consolidatetest.KienGiangRoles()}

// BenchmarkRenderByUnitAppendix is the pdf measure of the benchmarks
// (internal/bench) without the database: the by-unit appendix of the
// demo snapshot and of one about the communes size, against the plain maroto table of the
// same cells that the measure takes as its baseline. Compare the two
// sub-benchmarks' times for the measure's ratio; cpu-ns/op, the process's
// CPU time (garbage collection included), moves less than the time when
// the machine is busy.
func BenchmarkRenderByUnitAppendix(b *testing.B) {
	for _, copies := range []int{1, 8} {
		s := scaledSnapshot(b, copies)
		tables := bench.AppendixTables(s)
		units := len(tables[0].Rows) - 1 // the last line is the province's
		b.Run(fmt.Sprintf("ours/units=%d", units), func(b *testing.B) {
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				if _, err := pdf.RenderByUnitAppendix(s, benchMeta); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
		})
		b.Run(fmt.Sprintf("plain/units=%d", units), func(b *testing.B) {
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				if _, err := bench.PlainTablePDF(tables); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// cpuTime is the CPU time the process has used, user and system, in ns.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
