-- A round's reporting year and its data window: the figures it asks for
-- are counted from data_from to cutoff (Decree 09/2019: "thời gian chốt
-- số liệu"). An annual round's window runs from the day after the previous
-- year's cut-off to this year's, as the schedule's cutoff says; an ad-hoc
-- round's is the period staff chose.
ALTER TABLE rounds ADD COLUMN year integer;
ALTER TABLE rounds ADD COLUMN data_from date;
ALTER TABLE rounds ADD COLUMN cutoff date;

UPDATE rounds SET year = extract(year FROM period_end)::integer, data_from = period_start, cutoff = period_end;

-- Annual rounds opened before this migration: their catalog's schedule
-- gives the cut-off ("MM-DD").
UPDATE rounds r
SET cutoff = to_date(r.year || '-' || (v.content #>> '{schedules,annual,cutoff}'), 'YYYY-MM-DD'),
    data_from = to_date((r.year - 1) || '-' || (v.content #>> '{schedules,annual,cutoff}'), 'YYYY-MM-DD') + 1
FROM catalog_versions v
WHERE v.id = r.catalog_version_id AND r.kind = 'annual'
  AND (v.content #>> '{schedules,annual,cutoff}') ~ '^\d\d-\d\d$';

ALTER TABLE rounds ALTER COLUMN year SET NOT NULL;
ALTER TABLE rounds ALTER COLUMN data_from SET NOT NULL;
ALTER TABLE rounds ALTER COLUMN cutoff SET NOT NULL;
ALTER TABLE rounds ADD CONSTRAINT rounds_data_window CHECK (cutoff >= data_from);

-- The calendar and staff never open the same year's annual round twice,
-- whatever code the catalog of the day gives it. A database that already
-- holds two for a year (opened under different codes) stops here, naming
-- them, for an operator to decide which one stands.
DO $$
DECLARE dup text;
BEGIN
  SELECT string_agg(year || ': ' || codes, '; ') INTO dup
  FROM (SELECT year, string_agg(code, ', ' ORDER BY code) AS codes
        FROM rounds WHERE kind = 'annual' GROUP BY year HAVING count(*) > 1) d;
  IF dup IS NOT NULL THEN
    RAISE EXCEPTION 'more than one annual round for a year (%); rename or change the kind of all but one before upgrading', dup;
  END IF;
END $$;
CREATE UNIQUE INDEX rounds_one_annual_per_year ON rounds (year) WHERE kind = 'annual';
