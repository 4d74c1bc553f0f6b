package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"baocao/internal/postgres"
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

// HeartbeatWorker records the heartbeat.
type HeartbeatWorker struct {
	river.WorkerDefaults[HeartbeatArgs]
	deps Deps
}

// Timeout bounds a heartbeat: it is one small write.
func (w *HeartbeatWorker) Timeout(*river.Job[HeartbeatArgs]) time.Duration { return 10 * time.Second }

// Work implements river.Worker.
func (w *HeartbeatWorker) Work(ctx context.Context, job *river.Job[HeartbeatArgs]) error {
	return postgres.RecordHeartbeat(ctx, w.deps.Pool, job.ID)
}
