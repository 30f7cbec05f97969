-- Where Dekat serves, as routing announces it on network.areas.v1 (newest revision per area).
CREATE TABLE areas (
    code       text PRIMARY KEY,
    name       text NOT NULL,
    level      text NOT NULL,
    parent     text,
    geometry   jsonb NOT NULL,
    revision   bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every instance's in-process index reloads when the table changes.
CREATE FUNCTION areas_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('areas', '');
    RETURN NULL;
END $$;
CREATE TRIGGER areas_notify AFTER INSERT OR UPDATE OR DELETE ON areas
    FOR EACH STATEMENT EXECUTE FUNCTION areas_notify();
