-- Saves and submits are optimistic (issue 19): their reads take no lock,
-- and their writes travel as one batch, one transaction, whose first
-- statement checks that the submission is still at the revision and
-- status the change was made from (postgres.QueueExpectSubmission). It
-- locks the row as it checks, so two changes of one submission still
-- follow each other; the second sees the first's revision and fails
-- here, its batch undone, and the service starts it over from fresh
-- reads. serialization_failure is the SQLSTATE clients already retry on.
CREATE FUNCTION expect_submission_unchanged(matched bigint) RETURNS boolean
    LANGUAGE plpgsql AS $$
BEGIN
    IF matched = 0 THEN
        RAISE EXCEPTION 'the submission changed since it was read' USING ERRCODE = 'serialization_failure';
    END IF;
    RETURN true;
END $$;
