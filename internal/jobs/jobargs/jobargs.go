// Package jobargs names baocao's background jobs: each kind's arguments,
// with the queue and insert options it always travels with, and the
// insert-only River client that services insert them with. It imports
// nothing of baocao, so a service can insert a job with InsertTx in the
// transaction that writes the job's data, while internal/jobs, whose
// workers call the services, runs them.
package jobargs

import (
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
)

// Queue names. Imports and reports get queues of their own so a burst of
// uploads or a long render never holds up reminders and each other.
const (
	QueueDefault = river.QueueDefault
	QueueImports = "imports"
	QueueReports = "reports"
	QueueNotify  = "notify"
)

// NewInserter returns an insert-only River client on pool: no queues and
// no workers, so it never fetches a job, and River skips its check that a
// worker exists for an inserted kind (internal/jobs tests that every kind
// here has one). A process's working client, if any, is built apart.
func NewInserter(pool *pgxpool.Pool, logger *slog.Logger) (*river.Client[pgx.Tx], error) {
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{Logger: logger})
	if err != nil {
		return nil, fmt.Errorf("river insert-only client: %w", err)
	}
	return client, nil
}
