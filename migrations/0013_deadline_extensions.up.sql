-- Staff extend a round's deadline, or one unit's (issue 18). A unit's own
-- deadline, when set, replaces the round's for that unit: its timeliness,
-- reminders and chasers follow it. Every extension is kept, with who, when
-- and why: the unit is told the reason, and the report's completeness
-- table shows it.
ALTER TABLE round_units ADD COLUMN due_at timestamptz;
ALTER TABLE round_units ADD COLUMN due_reason text NOT NULL DEFAULT '';

CREATE TABLE deadline_extensions (
    id          bigserial PRIMARY KEY,
    round_id    bigint NOT NULL REFERENCES rounds (id),
    unit_code   text,
    old_due_at  timestamptz NOT NULL,
    new_due_at  timestamptz NOT NULL CHECK (new_due_at > old_due_at),
    reason      text NOT NULL CHECK (reason <> ''),
    actor       text NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (round_id, unit_code) REFERENCES round_units (round_id, unit_code)
);
CREATE INDEX deadline_extensions_round ON deadline_extensions (round_id, at);

CREATE TRIGGER deadline_extensions_immutable BEFORE UPDATE OR DELETE ON deadline_extensions
    FOR EACH ROW EXECUTE FUNCTION immutable_row();
