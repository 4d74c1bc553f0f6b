package jobargs

import (
	"time"

	"github.com/riverqueue/river"
)

// HeartbeatArgs is the minute-by-minute proof that some worker process is
// working jobs: a web server can answer while no worker runs, and then no
// deadline would ever be acted on. /metrics exports the heartbeat's age.
type HeartbeatArgs struct{}

// Kind implements river.JobArgs.
func (HeartbeatArgs) Kind() string { return "heartbeat" }

// InsertOpts makes the heartbeat unique per minute.
func (HeartbeatArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueDefault, UniqueOpts: river.UniqueOpts{ByPeriod: time.Minute}}
}

// TickArgs is the every-minute check of the reporting calendar: open the
// annual round, remind, mark overdue, chase, lock. Cheap, and it keeps
// ad-hoc deadlines punctual to the minute.
type TickArgs struct{}

// Kind implements river.JobArgs.
func (TickArgs) Kind() string { return "calendar_tick" }

// InsertOpts makes the check unique per minute, whoever enqueues it.
func (TickArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueDefault, MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByPeriod: time.Minute}}
}
