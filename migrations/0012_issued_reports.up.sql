-- Draft and official are two states of a report set (issue 17). A set is
-- generated as a draft (marked "DỰ THẢO", no number or date of issue);
-- its issuer's leader issues it: the official files are rendered again,
-- the PDF signed, and stored beside the draft's, never over them.
ALTER TABLE reports ADD COLUMN state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'issued'));
ALTER TABLE reports ADD COLUMN signed boolean NOT NULL DEFAULT false;
ALTER TABLE reports ADD COLUMN issued_at timestamptz;
ALTER TABLE reports ADD COLUMN issued_by text;
ALTER TABLE reports ADD CONSTRAINT reports_issued CHECK (state = 'draft' OR (issued_at IS NOT NULL AND issued_by IS NOT NULL));

ALTER TABLE reports DROP CONSTRAINT reports_snapshot_id_format_key;
ALTER TABLE reports ADD CONSTRAINT reports_snapshot_format_state UNIQUE (snapshot_id, format, state);

-- Only the final flag of a report may change: the files, their state and
-- their signature stay as stored.
CREATE OR REPLACE FUNCTION reports_only_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.data IS DISTINCT FROM OLD.data OR NEW.sha256 <> OLD.sha256 OR NEW.number <> OLD.number
       OR NEW.state <> OLD.state OR NEW.signed <> OLD.signed THEN
        RAISE EXCEPTION 'reports are immutable';
    END IF;
    RETURN NEW;
END $$;

-- The leader of the issuing body issues the official report.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'staff', 'agency', 'leader'));
