-- Every status_seq notify has seen of a request (told or not, from requests.assigned.v1 or
-- requests.status.v1): a later change waits for an earlier one still on its way on the other topic.
CREATE TABLE seen_changes (
    request_id uuid NOT NULL,
    status_seq integer NOT NULL,
    PRIMARY KEY (request_id, status_seq)
);
INSERT INTO seen_changes (request_id, status_seq)
    SELECT request_id, status_seq FROM changes ON CONFLICT DO NOTHING;
