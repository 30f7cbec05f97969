-- The satisfaction survey (SKM, PermenPANRB 14/2017): one answer per reporter and request, which
-- they may change for 7 days after the resolution. Answers are 1-4 per element, null when left out.
CREATE TABLE survey_answers (
    request_id       uuid NOT NULL REFERENCES requests (id),
    reporter_id      uuid NOT NULL REFERENCES reporters (reporter_id),
    answers          jsonb NOT NULL,
    comment          text,
    first_answered_at timestamptz NOT NULL,
    answered_at      timestamptz NOT NULL,
    PRIMARY KEY (request_id, reporter_id)
);
