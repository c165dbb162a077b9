-- Cairn catalog, version 6: small objects stored in their row.

-- The bytes of an object small enough to live in the catalog (the objects layer's
-- inline-object-max), so its PUT is one durable commit and its GET one row read; NULL for an
-- object whose bytes are in a blob (blob_id) and for delete markers. inline_crc is the CRC32C
-- of inline_body (as a signed 32-bit integer), checked on every read of the body.
ALTER TABLE objects ADD COLUMN inline_body ${bytes};
ALTER TABLE objects ADD COLUMN inline_crc INTEGER;
