-- Values by revision (issue 19). A consolidation records which revision
-- of each unit's submission it counted (its provenance), not a copy of the
-- units' values; a report reads them back when it is rendered. So the
-- values and narratives tables keep every revision's rows, not only the
-- current ones: a row holds from the revision that wrote it (valid_from)
-- until the revision that changed or removed it (valid_until, exclusive;
-- NULL while it is current). A save writes only the cells it changes, as
-- before: it closes their current rows and adds the new ones. The rows of
-- revision R of a submission are those with valid_from <= R and
-- valid_until NULL or > R; its current rows those with valid_until NULL.
-- Revisions are immutable, and so are these rows once written: only the
-- closing of a current row is allowed.

ALTER TABLE submission_values ADD COLUMN valid_from integer, ADD COLUMN valid_until integer,
    DROP CONSTRAINT submission_values_pkey;
ALTER TABLE submission_narratives ADD COLUMN valid_from integer, ADD COLUMN valid_until integer,
    DROP CONSTRAINT submission_narratives_pkey;

-- Rebuilt from every revision (0015 kept the current ones only): each run
-- of consecutive revisions holding the same value of a cell is one row.
-- Revisions are numbered 1, 2, … without gaps.
DELETE FROM submission_values;
DELETE FROM submission_narratives;

INSERT INTO submission_values (submission_id, key, number, numerator, denominator, text_value, answer, valid_from, valid_until)
WITH v AS (
    SELECT r.submission_id, r.number AS rev, x.*
    FROM submission_revisions r CROSS JOIN LATERAL revision_values(r.content) AS x),
marked AS (
    SELECT v.*, CASE WHEN lag(rev) OVER w = rev - 1
                      AND lag(row(number, numerator, denominator, text_value, answer)::text) OVER w
                          = row(number, numerator, denominator, text_value, answer)::text
                     THEN 0 ELSE 1 END AS starts
    FROM v WINDOW w AS (PARTITION BY submission_id, key ORDER BY rev)),
runs AS (
    SELECT marked.*, sum(starts) OVER (PARTITION BY submission_id, key ORDER BY rev) AS run FROM marked)
SELECT runs.submission_id, runs.key, min(number), min(numerator), min(denominator), min(text_value), bool_or(answer),
       min(rev), CASE WHEN max(rev) = s.revision THEN NULL ELSE max(rev) + 1 END
FROM runs JOIN submissions s ON s.id = runs.submission_id
GROUP BY runs.submission_id, runs.key, run, s.revision;

INSERT INTO submission_narratives (submission_id, section, text, valid_from, valid_until)
WITH n AS (
    SELECT r.submission_id, r.number AS rev, x.*
    FROM submission_revisions r CROSS JOIN LATERAL revision_narratives(r.content) AS x),
marked AS (
    SELECT n.*, CASE WHEN lag(rev) OVER w = rev - 1 AND lag(text) OVER w = text THEN 0 ELSE 1 END AS starts
    FROM n WINDOW w AS (PARTITION BY submission_id, section ORDER BY rev)),
runs AS (
    SELECT marked.*, sum(starts) OVER (PARTITION BY submission_id, section ORDER BY rev) AS run FROM marked)
SELECT runs.submission_id, runs.section, min(text), min(rev), CASE WHEN max(rev) = s.revision THEN NULL ELSE max(rev) + 1 END
FROM runs JOIN submissions s ON s.id = runs.submission_id
GROUP BY runs.submission_id, runs.section, run, s.revision;

ALTER TABLE submission_values ALTER COLUMN valid_from SET NOT NULL,
    ADD CHECK (valid_from > 0 AND (valid_until IS NULL OR valid_until > valid_from)),
    ADD PRIMARY KEY (submission_id, key, valid_from);
ALTER TABLE submission_narratives ALTER COLUMN valid_from SET NOT NULL,
    ADD CHECK (valid_from > 0 AND (valid_until IS NULL OR valid_until > valid_from)),
    ADD PRIMARY KEY (submission_id, section, valid_from);

-- A revision's rows never change: a current row may be closed, nothing
-- else, and no row is deleted. (A generated column, indicator, is not
-- computed yet in a BEFORE trigger: it follows key.)
CREATE FUNCTION revision_rows_only_closed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.valid_until IS NOT NULL OR NEW.valid_until IS NULL
       OR (to_jsonb(NEW) - 'valid_until' - 'indicator') <> (to_jsonb(OLD) - 'valid_until' - 'indicator') THEN
        RAISE EXCEPTION '% rows of a revision are immutable: only a current row may be closed', TG_TABLE_NAME;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER submission_values_immutable BEFORE UPDATE OR DELETE ON submission_values
    FOR EACH ROW EXECUTE FUNCTION revision_rows_only_closed();
CREATE TRIGGER submission_narratives_immutable BEFORE UPDATE OR DELETE ON submission_narratives
    FOR EACH ROW EXECUTE FUNCTION revision_rows_only_closed();

-- The analysts' views keep showing the current values, as docs/analytics.md
-- says (same columns: the views are replaced, not redefined).
CREATE OR REPLACE VIEW analytics.unit_values AS
WITH labels AS (
    SELECT catalog_version_id,
           jsonb_object_agg(dimension_code || '=' || option_code, dimension_name || ': ' || option_name) AS names
    FROM analytics.dimension_options GROUP BY catalog_version_id)
SELECT r.code AS round_code, r.title AS round_title, r.year AS round_year,
       s.unit_code, u.unit_name, u.unit_kind,
       v.indicator AS indicator_code, i.indicator_name, i.unit_of_measure, i.value_type,
       v.key AS cell_key, cell_disaggregation(v.key) AS disaggregation,
       (SELECT string_agg(coalesce(l.names->>p.part, p.part), '; ' ORDER BY p.ord)
        FROM unnest((string_to_array(v.key, '|'))[2:]) WITH ORDINALITY AS p(part, ord)) AS disaggregation_label,
       coalesce(v.number, v.numerator) AS value, v.denominator,
       v.numerator / nullif(v.denominator, 0) * i.rate_scale AS rate,
       v.text_value, v.answer,
       s.status AS submission_status, s.revision, s.submitted_at
FROM submission_values v
JOIN submissions s ON s.id = v.submission_id
JOIN rounds r ON r.id = s.round_id
LEFT JOIN labels l ON l.catalog_version_id = r.catalog_version_id
LEFT JOIN analytics.units u ON u.catalog_version_id = r.catalog_version_id AND u.unit_code = s.unit_code
LEFT JOIN analytics.indicators i ON i.catalog_version_id = r.catalog_version_id AND i.indicator_code = v.indicator
WHERE v.valid_until IS NULL;

CREATE OR REPLACE VIEW analytics.narratives AS
SELECT r.code AS round_code, r.title AS round_title, r.year AS round_year,
       s.unit_code, u.unit_name, n.section, sec->>'title' AS section_title, n.text,
       s.status AS submission_status, s.revision
FROM submission_narratives n
JOIN submissions s ON s.id = n.submission_id
JOIN rounds r ON r.id = s.round_id
JOIN catalog_versions cv ON cv.id = r.catalog_version_id
LEFT JOIN LATERAL (SELECT x FROM jsonb_array_elements(cv.content->'plan'->'narrative_sections') AS x
                   WHERE x->>'code' = n.section) AS ns(sec) ON true
LEFT JOIN analytics.units u ON u.catalog_version_id = r.catalog_version_id AND u.unit_code = s.unit_code
WHERE n.valid_until IS NULL;
