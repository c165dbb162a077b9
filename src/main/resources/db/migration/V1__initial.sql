-- Cairn catalog, version 1. Portable SQL for SQLite and PostgreSQL: TEXT, BIGINT, INTEGER,
-- BOOLEAN; times are epoch milliseconds (BIGINT); maps, lists and ACL grants are JSON text.
-- ${key_text} is TEXT ordered by UTF-8 bytes (S3 list order): plain TEXT on SQLite,
-- TEXT COLLATE "C" on PostgreSQL.

CREATE TABLE users (
  id          TEXT PRIMARY KEY,           -- canonical user id, 64 hex digits
  name        ${key_text} NOT NULL UNIQUE,
  is_root     BOOLEAN NOT NULL,
  created_ms  BIGINT NOT NULL
);

-- Looked up on every authenticated request: primary-key access by access key id.
CREATE TABLE access_keys (
  access_key  TEXT PRIMARY KEY,
  secret_key  TEXT NOT NULL,
  user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_ms  BIGINT NOT NULL
);
CREATE INDEX access_keys_user ON access_keys (user_id);

CREATE TABLE buckets (
  name        ${key_text} PRIMARY KEY,
  owner       TEXT NOT NULL,
  created_ms  BIGINT NOT NULL,
  region      TEXT NOT NULL,
  versioning  TEXT NOT NULL,              -- UNVERSIONED | ENABLED | SUSPENDED
  acl         TEXT NOT NULL,
  tags        TEXT NOT NULL
);
CREATE INDEX buckets_owner ON buckets (owner, name);

-- Every version of every object. seq orders the versions of one key (higher = newer); exactly one
-- row per (bucket, object_key) has is_latest, kept by the transactions in JdbcObjectEntries.
CREATE TABLE objects (
  bucket              ${key_text} NOT NULL REFERENCES buckets (name),
  object_key          ${key_text} NOT NULL,
  seq                 BIGINT NOT NULL,
  version_id          TEXT NOT NULL,      -- 'null' for the unversioned/suspended version
  is_latest           BOOLEAN NOT NULL,
  delete_marker       BOOLEAN NOT NULL,
  blob_id             BIGINT NOT NULL,    -- 0 for delete markers
  size                BIGINT NOT NULL,
  etag                TEXT,
  last_modified_ms    BIGINT NOT NULL,
  content_type        TEXT,
  content_encoding    TEXT,
  content_disposition TEXT,
  content_language    TEXT,
  cache_control       TEXT,
  expires             TEXT,
  user_metadata       TEXT NOT NULL,
  checksum_algorithm  TEXT,
  checksum_value      TEXT,
  owner               TEXT NOT NULL,
  acl                 TEXT NOT NULL,
  tags                TEXT NOT NULL,
  storage_class       TEXT NOT NULL,
  PRIMARY KEY (bucket, object_key, seq)
);
CREATE UNIQUE INDEX objects_version ON objects (bucket, object_key, version_id);
-- ListObjects: latest versions of one bucket in key order.
CREATE INDEX objects_latest ON objects (bucket, is_latest, object_key);

CREATE TABLE multipart_uploads (
  upload_id           TEXT PRIMARY KEY,
  bucket              ${key_text} NOT NULL REFERENCES buckets (name),
  object_key          ${key_text} NOT NULL,
  initiator           TEXT NOT NULL,
  owner               TEXT NOT NULL,
  created_ms          BIGINT NOT NULL,
  content_type        TEXT,
  content_encoding    TEXT,
  content_disposition TEXT,
  content_language    TEXT,
  cache_control       TEXT,
  expires             TEXT,
  user_metadata       TEXT NOT NULL,
  checksum_algorithm  TEXT,
  storage_class       TEXT NOT NULL,
  tags                TEXT NOT NULL,
  acl                 TEXT NOT NULL
);
CREATE INDEX multipart_uploads_key ON multipart_uploads (bucket, object_key, created_ms, upload_id);

CREATE TABLE multipart_parts (
  upload_id           TEXT NOT NULL REFERENCES multipart_uploads (upload_id) ON DELETE CASCADE,
  part_number         INTEGER NOT NULL,
  blob_id             BIGINT NOT NULL,
  size                BIGINT NOT NULL,
  etag                TEXT NOT NULL,
  checksum_algorithm  TEXT,
  checksum_value      TEXT,
  last_modified_ms    BIGINT NOT NULL,
  PRIMARY KEY (upload_id, part_number)
);

CREATE TABLE hosts (
  name        TEXT PRIMARY KEY,
  host_type   TEXT NOT NULL,              -- LIBVIRT | QEMU_QMP | XEN | PROXMOX | MANUAL
  settings    TEXT NOT NULL,              -- JSON, interpreted by the volumes service
  created_ms  BIGINT NOT NULL
);

CREATE TABLE volumes (
  id                  TEXT PRIMARY KEY,   -- vol- and 17 hex digits
  owner               TEXT NOT NULL,
  size                BIGINT NOT NULL,
  state               TEXT NOT NULL,      -- CREATING | AVAILABLE | IN_USE | DELETING | ERROR
  state_reason        TEXT,
  description         TEXT,
  availability_zone   TEXT NOT NULL,
  blob_id             BIGINT NOT NULL,    -- 0 until the blob exists
  source_snapshot_id  TEXT,
  created_ms          BIGINT NOT NULL,
  tags                TEXT NOT NULL
);
CREATE INDEX volumes_owner ON volumes (owner, id);

-- A snapshot outlives its volume (EBS semantics), hence no foreign key on volume_id.
CREATE TABLE snapshots (
  id            TEXT PRIMARY KEY,         -- snap- and 17 hex digits
  volume_id     TEXT NOT NULL,
  owner         TEXT NOT NULL,
  blob_id       BIGINT NOT NULL,
  blob_version  BIGINT NOT NULL,          -- 0 until the blob version is taken
  size          BIGINT NOT NULL,
  description   TEXT,
  state         TEXT NOT NULL,            -- PENDING | COMPLETED | ERROR
  state_reason  TEXT,
  progress      INTEGER NOT NULL,         -- percent
  created_ms    BIGINT NOT NULL,
  tags          TEXT NOT NULL
);
CREATE INDEX snapshots_volume ON snapshots (volume_id);
CREATE INDEX snapshots_owner ON snapshots (owner, id);

CREATE TABLE attachments (
  id          TEXT PRIMARY KEY,           -- att- and 17 hex digits
  volume_id   TEXT NOT NULL REFERENCES volumes (id),
  host        TEXT NOT NULL REFERENCES hosts (name),
  vm          TEXT NOT NULL,
  device      TEXT NOT NULL,
  mode        TEXT NOT NULL,              -- RW | RO
  state       TEXT NOT NULL,              -- ATTACHING | ATTACHED | DETACHING
  created_ms  BIGINT NOT NULL,
  steps       TEXT NOT NULL,              -- JSON list of adapter steps done, for rollback
  UNIQUE (volume_id, host, vm),
  UNIQUE (host, vm, device)
);

CREATE TABLE images (
  id          TEXT PRIMARY KEY,           -- img- and 17 hex digits
  name        TEXT NOT NULL,
  owner       TEXT NOT NULL,
  format      TEXT NOT NULL,
  description TEXT,
  created_ms  BIGINT NOT NULL,
  tags        TEXT NOT NULL,
  next_version INTEGER NOT NULL,          -- version numbers are never reused
  UNIQUE (owner, name)
);

CREATE TABLE image_versions (
  image_id      TEXT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  version       INTEGER NOT NULL,         -- 1, 2, ... per image
  blob_id       BIGINT NOT NULL,
  blob_version  BIGINT NOT NULL,
  size          BIGINT NOT NULL,
  created_ms    BIGINT NOT NULL,
  PRIMARY KEY (image_id, version)
);
