-- A report's timeliness is judged by its first submission (issue 16): a
-- unit that submitted on time and corrects its report after a return, or
-- after withdrawing it, stays on time. submitted_at remains the time of the
-- submission in hand (null while the report is a draft again).
--
-- on_time was a second copy of that judgement, written at each submission
-- and cleared by any later edit; it is now derived from first_submitted_at
-- and the round's deadline by one function (submission.StandingOf), so the
-- column goes. The events table keeps every submission, so the first one is
-- recovered from it.
ALTER TABLE submissions ADD COLUMN first_submitted_at timestamptz;

UPDATE submissions s
SET first_submitted_at = COALESCE(
        (SELECT min(e.at) FROM submission_events e WHERE e.submission_id = s.id AND e.kind = 'submitted'),
        s.submitted_at)
WHERE s.submitted_at IS NOT NULL
   OR EXISTS (SELECT 1 FROM submission_events e WHERE e.submission_id = s.id AND e.kind = 'submitted');

ALTER TABLE submissions DROP COLUMN on_time;

-- A report in hand has been submitted at least once.
ALTER TABLE submissions ADD CONSTRAINT submissions_first_submission
    CHECK (status NOT IN ('submitted', 'accepted', 'returned') OR first_submitted_at IS NOT NULL);
