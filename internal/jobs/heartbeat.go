package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"baocao/internal/jobs/jobargs"
	"baocao/internal/postgres"
)

// HeartbeatWorker records the heartbeat.
type HeartbeatWorker struct {
	river.WorkerDefaults[jobargs.HeartbeatArgs]
	deps Deps
}

// Timeout bounds a heartbeat: it is one small write.
func (w *HeartbeatWorker) Timeout(*river.Job[jobargs.HeartbeatArgs]) time.Duration {
	return 10 * time.Second
}

// Work implements river.Worker.
func (w *HeartbeatWorker) Work(ctx context.Context, job *river.Job[jobargs.HeartbeatArgs]) error {
	return postgres.RecordHeartbeat(ctx, w.deps.Pool, job.ID)
}
