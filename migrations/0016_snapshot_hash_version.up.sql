-- A snapshot's content hash names how it was computed (consolidate's hash
-- versions): 1 is the SHA-256 of the snapshot's JSON as one document,
-- every hash stored before this column; 2 streams it as JSON lines. A
-- stored hash is checked with its own version, whatever the current one.
ALTER TABLE snapshots ADD COLUMN hash_version smallint NOT NULL DEFAULT 1 CHECK (hash_version > 0);
ALTER TABLE snapshots ALTER COLUMN hash_version DROP DEFAULT;
