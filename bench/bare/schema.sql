CREATE TABLE IF NOT EXISTS requests (
    id           uuid PRIMARY KEY,
    service_code text NOT NULL,
    description  text NOT NULL,
    lat          double precision,
    long         double precision,
    submitted_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS contacts (
    request_id uuid PRIMARY KEY REFERENCES requests,
    name       text,
    email      text NOT NULL
);
CREATE TABLE IF NOT EXISTS inbox (
    consumer text NOT NULL,
    event_id uuid NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
CREATE TABLE IF NOT EXISTS assignments (
    request_id  uuid PRIMARY KEY,
    agency_code text NOT NULL,
    assigned_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE IF NOT EXISTS notifications (
    request_id uuid PRIMARY KEY,
    recipient  text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
