-- Cairn catalog, version 5: S3 Object Lock (WORM).

-- Per object version: the retention mode ('GOVERNANCE' or 'COMPLIANCE'; NULL: no retention), the
-- instant (epoch milliseconds) it protects the version until, and the legal hold (NULL: never
-- set, which S3 reports differently from OFF). Written by JdbcObjectLocks only.
ALTER TABLE objects ADD COLUMN lock_mode TEXT;
ALTER TABLE objects ADD COLUMN lock_until_ms BIGINT;
ALTER TABLE objects ADD COLUMN legal_hold BOOLEAN;

-- The lock a multipart upload asked for at its creation (the objects layer's document, opaque
-- here), given to the object when the upload completes; NULL: none asked.
ALTER TABLE multipart_uploads ADD COLUMN object_lock TEXT;
