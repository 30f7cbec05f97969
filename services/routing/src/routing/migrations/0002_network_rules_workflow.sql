-- The network grows calendars, coverage and areas; rules replace the service table.
ALTER TABLE agencies DROP COLUMN timezone;
ALTER TABLE agencies ADD COLUMN calendar jsonb NOT NULL DEFAULT '{}';
ALTER TABLE agencies ADD COLUMN handles jsonb NOT NULL DEFAULT '[]';
DROP TABLE service_agencies;

CREATE TABLE areas (
    code     text PRIMARY KEY,
    name     text NOT NULL,
    level    text NOT NULL CHECK (level IN ('city', 'kecamatan', 'kelurahan')),
    parent   text,
    geometry jsonb NOT NULL
);

-- Every edit of the rules is a new version; decisions name the version they used.
CREATE TABLE rule_sets (
    version    serial PRIMARY KEY,
    document   jsonb NOT NULL,
    origin     text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Which version of each file under deploy/network/ was loaded, so admin edits survive restarts.
CREATE TABLE network_sources (
    name   text PRIMARY KEY,
    digest text NOT NULL
);

ALTER TABLE requests ADD COLUMN priority text NOT NULL DEFAULT 'normal';

ALTER TABLE assignments ADD COLUMN rule_id text;
ALTER TABLE assignments ADD COLUMN supporting jsonb NOT NULL DEFAULT '[]';
ALTER TABLE assignments ADD COLUMN rejected_by jsonb NOT NULL DEFAULT '[]';
ALTER TABLE assignments ADD COLUMN deadline_kind text;
ALTER TABLE assignments ADD COLUMN due_at timestamptz;
ALTER TABLE assignments ADD COLUMN escalation_step integer NOT NULL DEFAULT 0;
ALTER TABLE assignments ADD COLUMN escalate_every_hours double precision NOT NULL DEFAULT 2;
ALTER TABLE assignments ADD COLUMN updated_at timestamptz;
CREATE INDEX assignments_due ON assignments (due_at) WHERE due_at IS NOT NULL;

-- Every decision ever taken for a request: the first assignment and each re-route or transfer.
CREATE TABLE decisions (
    id                   bigserial PRIMARY KEY,
    request_id           uuid NOT NULL REFERENCES requests (request_id),
    agency_code          text NOT NULL,
    previous_agency_code text,
    outcome              text NOT NULL,
    rule_id              text,
    rule_version         integer NOT NULL,
    reasons              jsonb NOT NULL,
    decided_at           timestamptz NOT NULL
);
CREATE INDEX decisions_by_request ON decisions (request_id, id);

-- A bounce: the agency a rule chose said the request was not theirs.
CREATE TABLE rule_bounces (
    rule_version integer NOT NULL,
    rule_id      text NOT NULL,
    agency_code  text NOT NULL,
    bounces      integer NOT NULL,
    PRIMARY KEY (rule_version, rule_id, agency_code)
);

-- Agency API keys, only ever as SHA-256 digests.
CREATE TABLE api_keys (
    key_hash    text PRIMARY KEY,
    agency_code text NOT NULL REFERENCES agencies (code),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Citizens' ratings, for agency satisfaction; never the comment, which may identify them.
CREATE TABLE ratings (
    id          bigserial PRIMARY KEY,
    request_id  uuid NOT NULL REFERENCES requests (request_id),
    agency_code text NOT NULL,
    rating      integer NOT NULL,
    given_at    timestamptz NOT NULL
);
