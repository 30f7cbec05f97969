CREATE TABLE requests (
    id            uuid PRIMARY KEY,
    tracking_code text NOT NULL UNIQUE,
    service_code  text NOT NULL,
    description   text NOT NULL,
    lat           double precision,
    long          double precision,
    address       text,
    channel       text NOT NULL,
    privacy       text NOT NULL,
    submitted_at  timestamptz NOT NULL,
    status        text NOT NULL,
    status_seq    integer NOT NULL DEFAULT 0,
    status_notes  text,
    agency_code   text,
    agency_name   text,
    expected_at   timestamptz,
    updated_at    timestamptz NOT NULL
);

-- Contact details live apart from the request, so a public view can never select them by accident.
CREATE TABLE contacts (
    request_id uuid PRIMARY KEY REFERENCES requests (id),
    name       text,
    email      text,
    phone      text,
    language   text NOT NULL DEFAULT 'id'
);

CREATE TABLE timeline (
    request_id uuid NOT NULL REFERENCES requests (id),
    seq        integer NOT NULL,
    status     text NOT NULL,
    note       text,
    at         timestamptz NOT NULL,
    PRIMARY KEY (request_id, seq)
);
