-- Cairn catalog, version 2.

-- Time-limited exclusive ownership of a named resource among servers sharing the catalog
-- (DESIGN: one server holds an open volume's map under a lease). Expiry is by the holders' clocks.
CREATE TABLE leases (
  resource     TEXT PRIMARY KEY,          -- e.g. volume/vol-0123456789abcdef0
  holder       TEXT NOT NULL,             -- server id
  acquired_ms  BIGINT NOT NULL,
  expires_ms   BIGINT NOT NULL
);

-- Bucket sub-resources stored as whole documents: policy, CORS, lifecycle, encryption, ...
CREATE TABLE bucket_configs (
  bucket      ${key_text} NOT NULL REFERENCES buckets (name) ON DELETE CASCADE,
  kind        TEXT NOT NULL,
  document    TEXT NOT NULL,
  PRIMARY KEY (bucket, kind)
);
