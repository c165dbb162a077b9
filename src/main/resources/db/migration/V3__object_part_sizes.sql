-- Cairn catalog, version 3.

-- The sizes of the parts a completed multipart upload was made of, in part order, as a JSON array
-- of numbers; NULL for objects stored in one piece. GET/HEAD ?partNumber=N (and the
-- x-amz-mp-parts-count header) address those parts after completion.
ALTER TABLE objects ADD COLUMN part_sizes TEXT;
