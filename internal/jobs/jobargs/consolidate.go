package jobargs

import (
	"time"

	"github.com/riverqueue/river"
)

// ConsolidateArgs asks to consolidate a round and render its report.
type ConsolidateArgs struct {
	Round string `json:"round" river:"unique"`
	// IncludeUnreviewed counts submitted but not yet accepted reports
	// (staff's choice when generating by hand).
	IncludeUnreviewed bool `json:"include_unreviewed" river:"unique"`
	// UserID is the staff member who asked, if anyone did; who asked does
	// not make two generations of the same data different.
	UserID int64 `json:"user_id,omitempty"`
}

// Kind implements river.JobArgs.
func (ConsolidateArgs) Kind() string { return "consolidate_report" }

// InsertOpts: the reports queue, and one generation per round and choice
// in any ten minutes (the debounce of automatic generation).
func (ConsolidateArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueReports, MaxAttempts: 5,
		UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: 10 * time.Minute}}
}

// RequestedOpts are the insert options of a generation staff ask for: it
// is not debounced, and is unique only while one of the same round and
// choice waits or runs, so a request is always served by a generation
// that starts after it, or by the one already running.
func RequestedOpts() *river.InsertOpts {
	return &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: pendingStates()}}
}
