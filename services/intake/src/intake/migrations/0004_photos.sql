-- The photos citizens attach, re-encoded without EXIF. Stored with the request, in the same
-- transaction: a refused submission stores none, and every intake instance can serve them.
CREATE TABLE photos (
    id           uuid PRIMARY KEY,
    request_id   uuid NOT NULL REFERENCES requests (id),
    position     smallint NOT NULL,
    content_type text NOT NULL,
    data         bytea NOT NULL,
    width        integer NOT NULL,
    height       integer NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (request_id, position)
);

-- "Is this the same problem?": open requests of a service near a point, recent first.
CREATE INDEX requests_nearby ON requests (service_code, submitted_at DESC) WHERE lat IS NOT NULL;
