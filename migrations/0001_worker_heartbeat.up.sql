-- The heartbeat job writes here every minute, so operators can tell from
-- /metrics that some worker process is alive and working jobs, not only
-- that the web server answers.
CREATE TABLE worker_heartbeat (
    id         boolean PRIMARY KEY DEFAULT true CHECK (id),
    beat_at    timestamptz NOT NULL,
    job_id     bigint NOT NULL
);
