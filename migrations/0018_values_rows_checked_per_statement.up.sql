-- Values and narratives rows checked once per statement (issue 19). A save
-- writes a whole form's cells in one INSERT (about 110 rows at national
-- size); their foreign key to submissions ran a check per row, a lookup
-- and a row lock each, which doubled the statement's time (1.0–1.4 ms
-- against 0.5–0.7 ms for 110 rows, measured on the test server). A
-- trigger per statement checks the same rows at once, and checks more:
-- each row must belong to a revision of its submission (valid_from is the
-- revision that wrote it), not only to a submission.
--
-- Nothing is lost on the other side of the key: revisions cannot be
-- deleted or changed (submission_revisions_no_update), and their own
-- foreign key keeps their submission, so the revision a row names, and its
-- submission, exist for as long as the row does. The rows themselves
-- cannot change (revision_rows_only_closed), so inserting is the only
-- moment to check.

ALTER TABLE submission_values DROP CONSTRAINT submission_values_submission_id_fkey;
ALTER TABLE submission_narratives DROP CONSTRAINT submission_narratives_submission_id_fkey;

CREATE FUNCTION revision_rows_of_revisions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing record;
BEGIN
    SELECT n.submission_id, n.valid_from INTO missing
    FROM (SELECT DISTINCT submission_id, valid_from FROM new_rows) AS n
    WHERE NOT EXISTS (SELECT 1 FROM submission_revisions r
                      WHERE r.submission_id = n.submission_id AND r.number = n.valid_from)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'rows of % for revision % of submission %: no such revision',
            TG_TABLE_NAME, missing.valid_from, missing.submission_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER submission_values_of_revisions AFTER INSERT ON submission_values
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION revision_rows_of_revisions();
CREATE TRIGGER submission_narratives_of_revisions AFTER INSERT ON submission_narratives
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION revision_rows_of_revisions();
