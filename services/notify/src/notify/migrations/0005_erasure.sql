-- Requests whose citizens' personal data intake erased (`citizen.erased`): their contacts keep no
-- name, address or secret, their messages no recipient or text; a contact arriving afterwards
-- (a replayed DLQ message) is not stored again.
CREATE TABLE erasures (
    request_id uuid PRIMARY KEY,
    erased_at  timestamptz NOT NULL
);
