package jobs

import (
	"time"

	"github.com/riverqueue/river"

	"baocao/internal/jobs/jobargs"
)

// Register adds every worker of baocao to workers. This is the one place a
// new job kind is wired in.
func Register(workers *river.Workers, deps Deps) {
	river.AddWorker(workers, &HeartbeatWorker{deps: deps})
	river.AddWorker(workers, &ImportWorker{deps: deps})
	river.AddWorker(workers, &DeliverWorker{deps: deps})
	river.AddWorker(workers, &TickWorker{deps: deps})
	river.AddWorker(workers, &ConsolidateWorker{deps: deps})
	river.AddWorker(workers, &ForwardWorker{deps: deps})
	river.AddWorker(workers, &DemoReportsWorker{deps: deps})
}

// Periodic lists the jobs the leader enqueues on a schedule. Each one's
// args carry unique options, so a schedule that fires twice (a leader
// change, two processes) still runs the work once per period.
func Periodic() []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return jobargs.HeartbeatArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: "heartbeat"}),
		river.NewPeriodicJob(river.PeriodicInterval(time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return jobargs.TickArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: "calendar_tick"}),
	}
}
