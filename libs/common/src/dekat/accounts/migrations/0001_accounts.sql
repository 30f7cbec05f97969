-- Staff accounts of one office each (an agency in routing, a counter in intake). Passwords are
-- argon2 hashes; nothing here can be turned back into a password or a session.
CREATE TABLE staff (
    username            text PRIMARY KEY,
    office              text NOT NULL,
    name                text NOT NULL,
    role                text NOT NULL CHECK (role IN ('staff', 'admin')),
    password_hash       text NOT NULL,
    created_at          timestamptz NOT NULL,
    created_by          text,
    password_changed_at timestamptz NOT NULL,
    disabled_at         timestamptz,
    last_sign_in_at     timestamptz
);
CREATE INDEX staff_by_office ON staff (office, username);

-- A signed-in browser: only the SHA-256 digest of its cookie's random token is kept.
CREATE TABLE staff_sessions (
    token_hash text PRIMARY KEY,
    username   text NOT NULL REFERENCES staff (username),
    created_at timestamptz NOT NULL,
    seen_at    timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX staff_sessions_by_user ON staff_sessions (username);

-- Failed sign-ins, per username (`user:<name>`) and per client address (`client:<ip>`).
CREATE TABLE sign_in_failures (
    id  bigserial PRIMARY KEY,
    key text NOT NULL,
    at  timestamptz NOT NULL
);
CREATE INDEX sign_in_failures_by_key ON sign_in_failures (key, at);
