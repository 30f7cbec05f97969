-- The public projection (intake.projection): built only from Kafka events, never from the tables
-- above; `python -m intake.projection rebuild` empties every public_* table but the snapshots and
-- replays the topics into a new generation of consumer groups.
CREATE TABLE public_state (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    generation integer NOT NULL DEFAULT 1,
    rebuilt_at timestamptz
);
INSERT INTO public_state DEFAULT VALUES;

-- What each event said about a request (no person, no tracking code), in whatever order it came.
CREATE TABLE public_facts (
    request_id uuid NOT NULL,
    event_id   uuid NOT NULL,
    kind       text NOT NULL,
    seq        integer NOT NULL,
    at         timestamptz NOT NULL,
    data       jsonb NOT NULL,
    PRIMARY KEY (request_id, event_id)
);

-- Each request as its facts add up (intake.projection.facts.fold), with its durations in the
-- working hours of the agency holding it.
CREATE TABLE public_requests (
    request_id        uuid PRIMARY KEY,
    service_code      text,
    origin            text,
    privacy           text,
    kelurahan         text,
    kecamatan         text,
    lat               double precision,
    long              double precision,
    description       text,
    submitted_at      timestamptz,
    status            text NOT NULL,
    status_seq        integer NOT NULL,
    agency_code       text,
    urgent            boolean NOT NULL,
    first_assigned_at timestamptz,
    assigned_at       timestamptz,
    acknowledge_by    timestamptz,
    resolve_by        timestamptz,
    acknowledged_at   timestamptz,
    resolved_at       timestamptz,
    closed_at         timestamptz,
    reopened          integer NOT NULL,
    escalated         integer NOT NULL,
    merged            boolean NOT NULL,
    assignments       jsonb NOT NULL,
    hours_to_assign      double precision,
    hours_to_acknowledge double precision,
    hours_to_resolve     double precision,
    calendar_revision    bigint
);
CREATE INDEX public_requests_by_agency ON public_requests (agency_code);
CREATE INDEX public_requests_by_submission ON public_requests (submitted_at, request_id);

-- The network's agencies (network.agencies.v1): names, kinds, calendars; the newest revision wins.
CREATE TABLE public_agencies (
    code       text PRIMARY KEY,
    name       text NOT NULL,
    kind       text NOT NULL,
    supervisor text,
    calendar   jsonb NOT NULL,
    on_call    jsonb NOT NULL,
    revision   bigint NOT NULL
);

-- Survey answers and quick ratings, the newest per reporter and request (no words: never published).
CREATE TABLE public_surveys (
    request_id  uuid NOT NULL,
    reporter_id uuid NOT NULL,
    answers     jsonb NOT NULL,
    answered_at timestamptz NOT NULL,
    event_id    uuid NOT NULL,
    PRIMARY KEY (request_id, reporter_id)
);
CREATE TABLE public_ratings (
    request_id  uuid NOT NULL,
    reporter_id uuid NOT NULL,
    rating      integer NOT NULL,
    given_at    timestamptz NOT NULL,
    event_id    uuid NOT NULL,
    PRIMARY KEY (request_id, reporter_id)
);

-- The figures as published: each keeps the version of the formula it was computed with.
CREATE TABLE public_snapshots (
    id          bigserial PRIMARY KEY,
    formula     integer NOT NULL,
    as_of       timestamptz NOT NULL,
    week        text NOT NULL,
    etag        text NOT NULL,
    document    jsonb NOT NULL
);
CREATE INDEX public_snapshots_by_week ON public_snapshots (week, id);
