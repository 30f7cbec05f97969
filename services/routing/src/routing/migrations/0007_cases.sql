-- One case, many reporters: a request merged into another follows it (its `case_id`), and a
-- case counts the citizens who reported it (its own, the merged requests', the followers).
ALTER TABLE assignments ADD COLUMN case_id uuid REFERENCES requests (request_id);
ALTER TABLE assignments ADD COLUMN reporters integer NOT NULL DEFAULT 1;
CREATE INDEX requests_by_service_time ON requests (service_code, submitted_at DESC);
