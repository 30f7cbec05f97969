-- The agency network, loaded from deploy/network/agencies.json at every start.
CREATE TABLE agencies (
    code       text PRIMARY KEY,
    name       text NOT NULL,
    kind       text NOT NULL,
    supervisor text,
    capacity   integer NOT NULL,
    timezone   text NOT NULL
);

CREATE TABLE service_agencies (
    service_code text PRIMARY KEY,
    agency_code  text NOT NULL REFERENCES agencies (code)
);

-- One row: the agency that takes whatever no other agency is set to handle.
CREATE TABLE network (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    coordinator text NOT NULL REFERENCES agencies (code)
);

-- The request as submitted. Routing never holds contact details: there are none to store.
CREATE TABLE requests (
    request_id    uuid PRIMARY KEY,
    tracking_code text NOT NULL,
    service_code  text NOT NULL,
    description   text NOT NULL,
    lat           double precision,
    long          double precision,
    address       text,
    privacy       text NOT NULL,
    attributes    jsonb NOT NULL DEFAULT '{}',
    submitted_at  timestamptz NOT NULL
);

-- The primary key is what makes a second assignment of the same request impossible.
CREATE TABLE assignments (
    request_id     uuid PRIMARY KEY REFERENCES requests (request_id),
    agency_code    text NOT NULL REFERENCES agencies (code),
    reasons        jsonb NOT NULL,
    rule_version   integer NOT NULL,
    status         text NOT NULL,
    status_seq     integer NOT NULL,
    assigned_at    timestamptz NOT NULL,
    acknowledge_by timestamptz NOT NULL,
    resolve_by     timestamptz NOT NULL
);
CREATE INDEX assignments_by_agency ON assignments (agency_code, status);
