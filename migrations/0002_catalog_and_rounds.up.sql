-- Catalog versions are immutable: a version is its content, keyed by the
-- hash of that content. Loading identical content again finds the same row.
CREATE TABLE catalog_versions (
    id         bigserial PRIMARY KEY,
    hash       text NOT NULL UNIQUE,
    name       text NOT NULL,
    content    jsonb NOT NULL,
    loaded_at  timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION catalog_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'catalog versions are immutable';
END $$;

CREATE TRIGGER catalog_versions_no_update BEFORE UPDATE OR DELETE ON catalog_versions
    FOR EACH ROW EXECUTE FUNCTION catalog_versions_immutable();

-- Which version new rounds and the catalog endpoints use; one row.
CREATE TABLE catalog_current (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    version_id  bigint NOT NULL REFERENCES catalog_versions (id),
    changed_at  timestamptz NOT NULL DEFAULT now()
);

-- A round keeps the catalog version it was opened with, and the reporters
-- that version expected then, whatever is loaded later.
CREATE TABLE rounds (
    id                  bigserial PRIMARY KEY,
    code                text NOT NULL UNIQUE,
    kind                text NOT NULL CHECK (kind IN ('annual', 'adhoc')),
    title               text NOT NULL,
    period_start        date NOT NULL,
    period_end          date NOT NULL CHECK (period_end >= period_start),
    due_at              timestamptz NOT NULL,
    catalog_version_id  bigint NOT NULL REFERENCES catalog_versions (id),
    status              text NOT NULL DEFAULT 'open',
    created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE round_units (
    round_id   bigint NOT NULL REFERENCES rounds (id),
    unit_code  text NOT NULL,
    form_code  text NOT NULL,
    PRIMARY KEY (round_id, unit_code)
);
