-- Consolidated snapshots: immutable, one per distinct content of a round.
CREATE TABLE snapshots (
    id          bigserial PRIMARY KEY,
    round_id    bigint NOT NULL REFERENCES rounds (id),
    hash        text NOT NULL,
    content     jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (round_id, hash)
);

-- Generated files: immutable, with size and checksum. A report set (PDF,
-- workbook, package) shares one number of the issuer's yearly register.
CREATE TABLE reports (
    id           bigserial PRIMARY KEY,
    round_id     bigint NOT NULL REFERENCES rounds (id),
    snapshot_id  bigint NOT NULL REFERENCES snapshots (id),
    format       text NOT NULL CHECK (format IN ('pdf', 'xlsx', 'zip')),
    number       integer NOT NULL,
    year         integer NOT NULL,
    filename     text NOT NULL,
    size         bigint NOT NULL,
    sha256       text NOT NULL,
    data         bytea NOT NULL,
    final        boolean NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (snapshot_id, format)
);

CREATE FUNCTION immutable_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME;
END $$;
CREATE TRIGGER snapshots_immutable BEFORE UPDATE OR DELETE ON snapshots FOR EACH ROW EXECUTE FUNCTION immutable_row();
-- Only the final flag of a report may change.
CREATE FUNCTION reports_only_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.data IS DISTINCT FROM OLD.data OR NEW.sha256 <> OLD.sha256 OR NEW.number <> OLD.number THEN
        RAISE EXCEPTION 'reports are immutable';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER reports_immutable BEFORE UPDATE OR DELETE ON reports FOR EACH ROW EXECUTE FUNCTION reports_only_final();

-- The issuer's register of report numbers, restarting every year; a number
-- once issued is never issued again.
CREATE TABLE report_numbers (
    issuer  text NOT NULL,
    year    integer NOT NULL,
    last    integer NOT NULL,
    PRIMARY KEY (issuer, year)
);
