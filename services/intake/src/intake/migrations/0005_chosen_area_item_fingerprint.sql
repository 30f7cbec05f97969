-- The kecamatan or kelurahan a citizen chose, and a digest of a device item's content
-- (a re-upload under the same client id with other content is a conflict, not the same item).
ALTER TABLE requests
    ADD COLUMN area_code          text,
    ADD COLUMN client_fingerprint text;
