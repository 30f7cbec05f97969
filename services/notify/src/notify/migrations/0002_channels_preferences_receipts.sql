-- Preferences travel with the contact; a citizen may change them through a signed link.
ALTER TABLE contacts
    ADD COLUMN channels     text[] NOT NULL DEFAULT '{email}',
    ADD COLUMN opted_out    text[] NOT NULL DEFAULT '{}',
    ADD COLUMN timezone     text NOT NULL DEFAULT 'Asia/Jakarta',
    ADD COLUMN submitted_at timestamptz;
CREATE INDEX contacts_phone ON contacts ((regexp_replace(phone, '\D', '', 'g')));

-- A "STOP" reply from a number opts it out of that channel, for every request, now and later.
CREATE TABLE opt_outs (
    channel    text NOT NULL,
    address    text NOT NULL,  -- digits only, for phone numbers
    at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel, address)
);

-- Every change of a request worth telling, kept until the contact is known and it is planned.
CREATE TABLE changes (
    request_id  uuid NOT NULL,
    status_seq  integer NOT NULL,
    kind        text NOT NULL,
    at          timestamptz NOT NULL,
    agency_name text,
    deadline    timestamptz,
    note        text,
    urgent      boolean NOT NULL DEFAULT false,
    planned     boolean NOT NULL DEFAULT false,
    PRIMARY KEY (request_id, status_seq)
);
CREATE INDEX changes_unplanned ON changes (request_id) WHERE NOT planned;

ALTER TABLE notifications DROP CONSTRAINT notifications_state_check;
ALTER TABLE notifications
    ADD CONSTRAINT notifications_state_check
        CHECK (state IN ('created', 'sending', 'sent', 'delivered', 'failed')),
    ADD COLUMN template     text NOT NULL DEFAULT 'v1/assigned.id',
    ADD COLUMN urgent       boolean NOT NULL DEFAULT false,
    ADD COLUMN held_until   timestamptz,
    ADD COLUMN lease_until  timestamptz,
    ADD COLUMN provider_id  text,
    ADD COLUMN delivered_at timestamptz,
    ADD COLUMN failed_at    timestamptz;
DROP INDEX notifications_due;
CREATE INDEX notifications_pending ON notifications (due_at) WHERE state IN ('created', 'sending');
CREATE INDEX notifications_by_request ON notifications (request_id, status_seq);
