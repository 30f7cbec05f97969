-- Everyone who reported a request: the citizen who submitted it, and later those who follow it.
-- Each holds a secret (`link_token`, in the links of their messages) that lets them, and only
-- them, rate, answer or contest: the tracking code alone only reads.
CREATE TABLE reporters (
    reporter_id uuid PRIMARY KEY,
    request_id  uuid NOT NULL REFERENCES requests (id),
    link_token  text NOT NULL UNIQUE,
    role        text NOT NULL CHECK (role IN ('submitter', 'follower')),
    joined_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reporters_by_request ON reporters (request_id);
INSERT INTO reporters (reporter_id, request_id, link_token, role, joined_at)
    SELECT gen_random_uuid(), id, replace(gen_random_uuid()::text, '-', ''), 'submitter', submitted_at
    FROM requests;

-- A contact belongs to a reporter (several per request once citizens follow a case).
ALTER TABLE contacts ADD COLUMN reporter_id uuid REFERENCES reporters (reporter_id);
UPDATE contacts c SET reporter_id = r.reporter_id FROM reporters r WHERE r.request_id = c.request_id;
ALTER TABLE contacts DROP CONSTRAINT contacts_pkey;
ALTER TABLE contacts ALTER COLUMN reporter_id SET NOT NULL;
ALTER TABLE contacts ADD PRIMARY KEY (reporter_id);
CREATE INDEX contacts_by_request ON contacts (request_id);

-- What the citizen said, in their words: shown on their own page, never on public views.
CREATE TABLE citizen_messages (
    id          bigserial PRIMARY KEY,
    request_id  uuid NOT NULL REFERENCES requests (id),
    reporter_id uuid NOT NULL REFERENCES reporters (reporter_id),
    kind        text NOT NULL CHECK (kind IN ('answer', 'contest', 'rating')),
    text        text,
    rating      integer,
    at          timestamptz NOT NULL
);
CREATE INDEX citizen_messages_by_request ON citizen_messages (request_id, id);

-- The timeline keeps what happened as facts, worded in the reader's language when shown:
-- `kind` is the change (status, escalated, update, reminder), `reason` its code, the agencies by name.
ALTER TABLE timeline
    ADD COLUMN kind        text NOT NULL DEFAULT 'status',
    ADD COLUMN reason      text,
    ADD COLUMN agency_name text,
    ADD COLUMN by_agency   text,
    ADD COLUMN escalation  text,
    ADD COLUMN escalated_to text,
    ADD COLUMN deadline    timestamptz;
UPDATE timeline t SET kind = t.status, status = r.status FROM requests r
    WHERE r.id = t.request_id AND t.status = 'escalated';
UPDATE timeline SET note = NULL WHERE note LIKE 'assigned to %';

-- Who helps the agency holding the request, as the citizen sees it.
ALTER TABLE requests ADD COLUMN supporting text[] NOT NULL DEFAULT '{}';
