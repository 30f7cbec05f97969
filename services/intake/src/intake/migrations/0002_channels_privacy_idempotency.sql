-- Where each request came from: the Open311 client, the counter, or the mobile unit (and its own id).
ALTER TABLE requests
    ADD COLUMN source      text,
    ADD COLUMN client_id   text,
    ADD COLUMN taken_by    text,
    ADD COLUMN received_at timestamptz,
    ADD COLUMN token       text UNIQUE,
    ADD COLUMN attributes  jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN address_id  text,
    ADD COLUMN zipcode     text,
    ADD COLUMN media_url   text;

-- A mobile unit's re-upload of the same item finds the request made the first time.
CREATE UNIQUE INDEX requests_client_item ON requests (channel, source, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX requests_submitted ON requests (submitted_at DESC);

ALTER TABLE contacts
    ADD COLUMN channels      text[] NOT NULL DEFAULT '{}',
    ADD COLUMN timezone      text NOT NULL DEFAULT 'Asia/Jakarta',
    ADD COLUMN consent_share boolean NOT NULL DEFAULT false,
    ADD COLUMN account_id    text,
    ADD COLUMN device_id     text;

-- One answer per Idempotency-Key (per endpoint), kept with a fingerprint of the body it answered.
CREATE TABLE idempotency_keys (
    scope       text NOT NULL,
    key         text NOT NULL,
    fingerprint text NOT NULL,
    status      integer NOT NULL,
    body        jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
