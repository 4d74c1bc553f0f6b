-- Forwarding a report set upward: one row per destination, with its
-- attempts; a manual dispatch (post, hand delivery) is recorded the same way.
CREATE TABLE deliveries (
    id             bigserial PRIMARY KEY,
    round_id       bigint NOT NULL REFERENCES rounds (id),
    number         integer NOT NULL,
    channel        text NOT NULL CHECK (channel IN ('email', 'http', 'manual')),
    destination    text NOT NULL,
    status         text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts       integer NOT NULL DEFAULT 0,
    last_error     text NOT NULL DEFAULT '',
    note           text NOT NULL DEFAULT '',
    recorded_by    text NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL DEFAULT now(),
    sent_at        timestamptz,
    UNIQUE (round_id, number, channel, destination)
);
