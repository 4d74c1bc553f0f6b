-- Revisions are written on every save and read by every consolidation: a
-- whole form of JSON each, compressed when stored. lz4 compresses and
-- decompresses several times faster than PostgreSQL's default pglz (the
-- revision INSERT took half the time in a measure of the save path), for
-- a little more space. Only new rows are compressed with it; old ones stay
-- readable as they are. A server built without lz4 keeps pglz.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings
               WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE submission_revisions
            ALTER COLUMN content SET COMPRESSION lz4,
            ALTER COLUMN changes SET COMPRESSION lz4;
    END IF;
END
$$;
