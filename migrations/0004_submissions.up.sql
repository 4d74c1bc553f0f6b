-- One submission per expected unit of a round; its content lives in
-- append-only revisions.
CREATE TABLE submissions (
    id              bigserial PRIMARY KEY,
    round_id        bigint NOT NULL,
    unit_code       text NOT NULL,
    status          text NOT NULL DEFAULT 'not_started'
                    CHECK (status IN ('not_started', 'draft', 'submitted', 'accepted', 'returned')),
    revision        integer NOT NULL DEFAULT 0,
    submitted_at    timestamptz,
    on_time         boolean,
    reviewed_at     timestamptz,
    reviewed_by     text,
    review_comment  text NOT NULL DEFAULT '',
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (round_id, unit_code),
    FOREIGN KEY (round_id, unit_code) REFERENCES round_units (round_id, unit_code)
);

CREATE TABLE submission_revisions (
    submission_id    bigint NOT NULL REFERENCES submissions (id),
    number           integer NOT NULL CHECK (number > 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    author_id        bigint REFERENCES users (id),
    author           text NOT NULL,
    source           text NOT NULL CHECK (source IN ('web', 'api', 'excel')),
    content          jsonb NOT NULL,
    changes          jsonb NOT NULL,
    idempotency_key  text,
    PRIMARY KEY (submission_id, number),
    UNIQUE (submission_id, idempotency_key)
);

CREATE FUNCTION submission_revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'submission revisions are append-only';
END $$;

CREATE TRIGGER submission_revisions_no_update BEFORE UPDATE OR DELETE ON submission_revisions
    FOR EACH ROW EXECUTE FUNCTION submission_revisions_append_only();

-- Status changes: submitted, accepted, returned, reopened.
CREATE TABLE submission_events (
    id             bigserial PRIMARY KEY,
    submission_id  bigint NOT NULL REFERENCES submissions (id),
    at             timestamptz NOT NULL DEFAULT now(),
    actor_id       bigint REFERENCES users (id),
    actor          text NOT NULL,
    kind           text NOT NULL,
    revision       integer NOT NULL,
    comment        text NOT NULL DEFAULT ''
);
CREATE INDEX submission_events_submission ON submission_events (submission_id, at);

-- Uploaded workbooks, kept as received; the import job reads them.
CREATE TABLE uploads (
    id               bigserial PRIMARY KEY,
    submission_id    bigint NOT NULL REFERENCES submissions (id),
    user_id          bigint NOT NULL REFERENCES users (id),
    filename         text NOT NULL,
    size             bigint NOT NULL,
    sha256           text NOT NULL,
    data             bytea NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    job_id           bigint,
    idempotency_key  text,
    UNIQUE (submission_id, idempotency_key)
);
