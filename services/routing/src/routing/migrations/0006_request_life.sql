-- One request travels as one type: the facts as intake sent them (dekat.payloads.RequestFacts).
-- The columns stay for the queries that filter on them; a new fact needs no new column.
ALTER TABLE requests ADD COLUMN facts jsonb;
UPDATE requests SET facts = jsonb_strip_nulls(jsonb_build_object(
    'request_id', request_id::text, 'tracking_code', tracking_code, 'service_code', service_code,
    'description', description, 'lat', lat, 'long', long, 'address', address, 'privacy', privacy,
    'attributes', attributes, 'submitted_at', submitted_at, 'priority', priority, 'area_code', area_code));
ALTER TABLE requests ALTER COLUMN facts SET NOT NULL;

-- Waiting for the citizen has its own deadline; the resolve deadline waits with it.
ALTER TABLE assignments ADD COLUMN answer_by timestamptz;
ALTER TABLE assignments ADD COLUMN paused_at timestamptz;
-- After the last step of an escalation, the office told oversees the request with the lead's powers.
ALTER TABLE assignments ADD COLUMN overseer text REFERENCES agencies (code);
-- The ladder ended at the holder itself (nobody above it): operators are told, nothing repeats.
ALTER TABLE assignments ADD COLUMN stuck_since timestamptz;
CREATE INDEX assignments_supporting ON assignments USING gin (supporting);

-- Everything that happened to a request, in people's words: what agencies and the citizen said,
-- each status change, each escalation. Who acted: an agency code, 'citizen' or 'routing', and
-- the staff member when one signed in.
CREATE TABLE history (
    id         bigserial PRIMARY KEY,
    request_id uuid NOT NULL REFERENCES requests (request_id),
    status_seq integer NOT NULL,
    kind       text NOT NULL
               CHECK (kind IN ('status', 'citizen_message', 'partner_update', 'escalated', 'refused')),
    status     text,
    by_party   text NOT NULL,
    staff      text,
    text       text,
    at         timestamptz NOT NULL
);
CREATE INDEX history_by_request ON history (request_id, id);

-- One rating per reporter of a request, changeable: the latest answer counts.
ALTER TABLE ratings ADD COLUMN reporter_id text NOT NULL DEFAULT '';
DELETE FROM ratings a USING ratings b
    WHERE a.request_id = b.request_id AND a.reporter_id = b.reporter_id AND a.id < b.id;
CREATE UNIQUE INDEX ratings_one_per_reporter ON ratings (request_id, reporter_id);
