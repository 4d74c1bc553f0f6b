-- Ad-hoc rounds ask a subset of indicators; annual rounds use the unit's
-- catalog form (NULL).
ALTER TABLE rounds ADD COLUMN indicators text[];
ALTER TABLE rounds ADD COLUMN created_by text NOT NULL DEFAULT 'system';
ALTER TABLE rounds ADD COLUMN locked_at timestamptz;

-- The outbox: every notice is written in the transaction of the event that
-- causes it, then delivered by a job on queue notify. dedupe_key makes each
-- notice (round, unit, step) exist once, however often the check runs.
CREATE TABLE notifications (
    id          bigserial PRIMARY KEY,
    kind        text NOT NULL,
    round_id    bigint REFERENCES rounds (id),
    unit_code   text,
    audience    text NOT NULL CHECK (audience IN ('unit', 'staff')),
    to_address  text NOT NULL,
    subject     text NOT NULL,
    body        text NOT NULL,
    dedupe_key  text NOT NULL UNIQUE,
    status      text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts    integer NOT NULL DEFAULT 0,
    last_error  text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz
);
CREATE INDEX notifications_round ON notifications (round_id, unit_code);
CREATE INDEX notifications_queued ON notifications (status) WHERE status = 'queued';
