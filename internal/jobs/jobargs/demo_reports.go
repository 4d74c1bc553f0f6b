package jobargs

import (
	"time"

	"github.com/riverqueue/river"
)

// DemoReportsArgs asks for the demo's past rounds' reports: each made on
// its own day and issued, signed, by lanhdao an hour later. A dev start
// enqueues it after seeding, so the system serves at once and the reports
// follow within a minute.
type DemoReportsArgs struct{}

// Kind implements river.JobArgs.
func (DemoReportsArgs) Kind() string { return "demo_reports" }

// InsertOpts: the reports queue, once an hour however often dev starts
// (the work itself skips rounds that have their report).
func (DemoReportsArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueReports, MaxAttempts: 3,
		UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: time.Hour}}
}
