-- How to reach each citizen, as intake sent it on the restricted topic.
CREATE TABLE contacts (
    request_id    uuid PRIMARY KEY,
    tracking_code text NOT NULL,
    name          text,
    email         text,
    phone         text,
    language      text NOT NULL DEFAULT 'id'
);

-- The latest assignment of each request (a reassignment carries a higher status_seq).
CREATE TABLE assignments (
    request_id  uuid PRIMARY KEY,
    agency_code text NOT NULL,
    agency_name text NOT NULL,
    status_seq  integer NOT NULL,
    resolve_by  timestamptz
);

-- One row per message to a citizen; the unique key makes a second message for the same
-- change on the same channel impossible, whatever is redelivered or replayed.
CREATE TABLE notifications (
    id         uuid PRIMARY KEY,
    request_id uuid NOT NULL,
    status_seq integer NOT NULL,
    channel    text NOT NULL,
    kind       text NOT NULL,
    recipient  text NOT NULL,
    subject    text NOT NULL,
    body       text NOT NULL,
    state      text NOT NULL DEFAULT 'created'
               CHECK (state IN ('created', 'sending', 'sent', 'failed')),
    attempts   integer NOT NULL DEFAULT 0,
    last_error text,
    due_at     timestamptz NOT NULL DEFAULT now(),
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at    timestamptz,
    UNIQUE (request_id, status_seq, channel)
);
CREATE INDEX notifications_due ON notifications (due_at) WHERE state = 'created';

CREATE FUNCTION notifications_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('notifications', '');
    RETURN NULL;
END $$;
CREATE TRIGGER notifications_notify AFTER INSERT ON notifications
    FOR EACH STATEMENT EXECUTE FUNCTION notifications_notify();
