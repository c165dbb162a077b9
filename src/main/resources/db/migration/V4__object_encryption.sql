-- Cairn catalog, version 4.

-- Server-side encryption of an object's bytes (SSE-S3, SSE-KMS, SSE-C), as a JSON document the
-- objects layer writes and reads (mode, key id, the wrapped data key, the counter IVs of its
-- parts); NULL for an object stored in plain text. Never a key in the clear: the data key is
-- wrapped by a master key of the key ring or by the customer's key.
ALTER TABLE objects ADD COLUMN encryption TEXT;

-- The same document for a multipart upload in progress (without IVs: each part blob carries its
-- own), so every part is encrypted with the upload's data key and Complete can record it.
ALTER TABLE multipart_uploads ADD COLUMN encryption TEXT;
