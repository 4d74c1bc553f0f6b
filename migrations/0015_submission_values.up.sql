-- Values as rows (issue 19). Each submission's current values and
-- narratives, one row each, typed: consolidation sums them in SQL
-- (numeric, exact) instead of reading and parsing every revision's JSON,
-- and analysts query them through the views of schema analytics.
-- Revisions stay the history, unchanged; postgres.QueueAppendRevision
-- writes a revision and brings these tables to it in one transaction.

-- A cell's dimensions and options as an object: the key
-- 'IND|DIM=OPT|DIM=OPT' (submission.CellKey; codes never hold '|' or '=')
-- gives {"DIM": "OPT", ...}, an indicator's own cell {}. Worked out by
-- the views, not stored: every save would pay for it.
CREATE FUNCTION cell_disaggregation(key text) RETURNS jsonb
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(jsonb_object_agg(split_part(p, '=', 1), split_part(p, '=', 2)), '{}')
    FROM unnest((string_to_array(key, '|'))[2:]) AS p
$$;

-- One row per entered cell of a submission's current revision (its key,
-- which names the indicator and the disaggregation); a cell with nothing
-- entered has none. Exactly the fields the value model has
-- (submission.Value): number for counts, numbers and amounts; numerator
-- and denominator for rates (either may be missing in a draft); text;
-- answer for yes/no. Numbers are numeric, as entered: totals are exact.
-- Keys are codes, compared byte by byte (collation C): grouping by them
-- sorts several times faster than in a language's order.
CREATE TABLE submission_values (
    submission_id   bigint NOT NULL REFERENCES submissions (id),
    key             text COLLATE "C" NOT NULL,
    indicator       text COLLATE "C" NOT NULL GENERATED ALWAYS AS (split_part(key, '|', 1)) STORED,
    number          numeric,
    numerator       numeric,
    denominator     numeric,
    text_value      text,
    answer          boolean,
    PRIMARY KEY (submission_id, key),
    CHECK (num_nonnulls(number, numerator, denominator, text_value, answer) > 0)
);

-- A submission's current narrative texts, by section: text per unit and
-- section, never summed, so a table of their own.
CREATE TABLE submission_narratives (
    submission_id  bigint NOT NULL REFERENCES submissions (id),
    section        text COLLATE "C" NOT NULL,
    text           text NOT NULL,
    PRIMARY KEY (submission_id, section)
);

-- What a revision's content holds, as rows of the two tables: the
-- backfill below and postgres.ValuesDrift (the check that the tables
-- match the current revisions) read revisions through these.
CREATE FUNCTION revision_values(content jsonb)
    RETURNS TABLE (key text, number numeric, numerator numeric, denominator numeric, text_value text, answer boolean)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT e.key, (e.value->>'number')::numeric, (e.value->>'num')::numeric, (e.value->>'den')::numeric,
           e.value->>'text', (e.value->>'bool')::boolean
    FROM jsonb_each(content->'values') AS e
    WHERE e.value <> '{}'
$$;

CREATE FUNCTION revision_narratives(content jsonb) RETURNS TABLE (section text, text text)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT n.key, n.value FROM jsonb_each_text(content->'narratives') AS n
$$;

-- The current revision of every submission. Revisions are compressed by
-- PostgreSQL itself (TOAST, lz4 since 0009), which every query reads
-- through: the backfill is plain SQL and runs once, with this file.
INSERT INTO submission_values (submission_id, key, number, numerator, denominator, text_value, answer)
SELECT s.id, v.key, v.number, v.numerator, v.denominator, v.text_value, v.answer
FROM submissions s
JOIN submission_revisions r ON r.submission_id = s.id AND r.number = s.revision
CROSS JOIN LATERAL revision_values(r.content) AS v;

INSERT INTO submission_narratives (submission_id, section, text)
SELECT s.id, n.section, n.text
FROM submissions s
JOIN submission_revisions r ON r.submission_id = s.id AND r.number = s.revision
CROSS JOIN LATERAL revision_narratives(r.content) AS n;

-- Read-only views for analysts and BI tools (docs/analytics.md): names
-- from each round's own catalog version, so an old round keeps the names
-- it was reported under.
CREATE SCHEMA analytics;

CREATE VIEW analytics.rounds AS
SELECT r.code AS round_code, r.kind AS round_kind, r.title AS round_title, r.year AS round_year,
       r.period_start, r.period_end, r.data_from, r.cutoff, r.due_at, r.status AS round_status,
       r.catalog_version_id
FROM rounds r;

CREATE VIEW analytics.units AS
SELECT v.id AS catalog_version_id, u->>'code' AS unit_code, u->>'name' AS unit_name, u->>'short' AS unit_short,
       u->>'kind' AS unit_kind, u->>'parent' AS parent_code,
       (u->>'valid_from')::date AS valid_from, nullif(u->>'valid_to', '')::date AS valid_to
FROM catalog_versions v CROSS JOIN LATERAL jsonb_array_elements(v.content->'units') AS u;

CREATE VIEW analytics.indicators AS
SELECT v.id AS catalog_version_id, i->>'code' AS indicator_code, i->>'name' AS indicator_name,
       i->>'task_group' AS task_group, i->>'unit_of_measure' AS unit_of_measure, i->>'value_type' AS value_type,
       i->>'aggregation' AS aggregation, (i->'rate'->>'scale')::numeric AS rate_scale
FROM catalog_versions v CROSS JOIN LATERAL jsonb_array_elements(v.content->'indicators') AS i;

CREATE VIEW analytics.dimension_options AS
SELECT v.id AS catalog_version_id, d->>'code' AS dimension_code, d->>'name' AS dimension_name,
       o->>'code' AS option_code, o->>'name' AS option_name
FROM catalog_versions v
CROSS JOIN LATERAL jsonb_array_elements(v.content->'dimensions') AS d
CROSS JOIN LATERAL jsonb_array_elements(d->'options') AS o;

-- One row per expected unit of each round: who submitted what, when.
CREATE VIEW analytics.submissions AS
SELECT r.code AS round_code, r.title AS round_title, r.year AS round_year,
       s.unit_code, u.unit_name, u.unit_kind, ru.form_code,
       s.status, s.revision, s.first_submitted_at, s.submitted_at, s.reviewed_at,
       coalesce(ru.due_at, r.due_at) AS due_at
FROM submissions s
JOIN rounds r ON r.id = s.round_id
JOIN round_units ru ON ru.round_id = s.round_id AND ru.unit_code = s.unit_code
LEFT JOIN analytics.units u ON u.catalog_version_id = r.catalog_version_id AND u.unit_code = s.unit_code;

-- One row per unit × indicator × disaggregation × round: the current
-- values of every submission, drafts included (filter on status).
-- value is the number entered, for a rate its numerator; rate is
-- numerator / denominator in the unit of measure (× 100 for %).
CREATE VIEW analytics.unit_values AS
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
LEFT JOIN analytics.indicators i ON i.catalog_version_id = r.catalog_version_id AND i.indicator_code = v.indicator;

-- One row per unit × narrative section × round.
CREATE VIEW analytics.narratives AS
SELECT r.code AS round_code, r.title AS round_title, r.year AS round_year,
       s.unit_code, u.unit_name, n.section, sec->>'title' AS section_title, n.text,
       s.status AS submission_status, s.revision
FROM submission_narratives n
JOIN submissions s ON s.id = n.submission_id
JOIN rounds r ON r.id = s.round_id
JOIN catalog_versions cv ON cv.id = r.catalog_version_id
LEFT JOIN LATERAL (SELECT x FROM jsonb_array_elements(cv.content->'plan'->'narrative_sections') AS x
                   WHERE x->>'code' = n.section) AS ns(sec) ON true
LEFT JOIN analytics.units u ON u.catalog_version_id = r.catalog_version_id AND u.unit_code = s.unit_code;

-- The role BI tools connect as (through a login role granted it): the
-- views and nothing else, read only. A role belongs to the whole server,
-- so it is made only where the migrating user may make roles, and once.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'baocao_analyst')
       AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
        BEGIN
            CREATE ROLE baocao_analyst NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- made meanwhile by a migration of another database
        END;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'baocao_analyst') THEN
        GRANT USAGE ON SCHEMA analytics TO baocao_analyst;
        GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO baocao_analyst;
        ALTER DEFAULT PRIVILEGES IN SCHEMA analytics GRANT SELECT ON TABLES TO baocao_analyst;
    ELSE
        RAISE NOTICE 'role baocao_analyst not made: % may not create roles (docs/analytics.md says how)', current_user;
    END IF;
END
$$;
