-- A request may have several reporters (its submitter, '' here, and citizens who follow it):
-- each has their own contact, link secret and preferences, and gets their own messages.
ALTER TABLE contacts
    ADD COLUMN reporter   text NOT NULL DEFAULT '',
    ADD COLUMN link_token text;
ALTER TABLE contacts DROP CONSTRAINT contacts_pkey, ADD PRIMARY KEY (request_id, reporter);

-- The facts of a change every reporter's message is written from.
ALTER TABLE changes
    ADD COLUMN status      text,
    ADD COLUMN reason      text,
    ADD COLUMN by_agency   text,
    ADD COLUMN supporting  text[] NOT NULL DEFAULT '{}',
    ADD COLUMN explanation jsonb NOT NULL DEFAULT '{}';

-- What became of each change for each reporter, decided once: a message (`notified`), none
-- because it is told with the next change (`silent`), no way to reach them (`unreachable`), or
-- it happened before they followed the request (`before_following`).
CREATE TABLE planned (
    request_id uuid NOT NULL,
    reporter   text NOT NULL,
    status_seq integer NOT NULL,
    outcome    text NOT NULL
               CHECK (outcome IN ('notified', 'silent', 'unreachable', 'before_following', 'migrated')),
    at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (request_id, reporter, status_seq)
);
INSERT INTO planned (request_id, reporter, status_seq, outcome)
    SELECT request_id, '', status_seq, 'migrated' FROM changes WHERE planned;
DROP INDEX changes_unplanned;
ALTER TABLE changes DROP COLUMN planned;

-- One message per change, channel and reporter. A message held for quiet hours that a newer one
-- replaces is `superseded` by it (kept, never deleted); a failed one says why (`failure`).
ALTER TABLE notifications
    ADD COLUMN reporter      text NOT NULL DEFAULT '',
    ADD COLUMN drafts        jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN failure       text,
    ADD COLUMN superseded_by uuid REFERENCES notifications (id);
ALTER TABLE notifications DROP CONSTRAINT notifications_request_id_status_seq_channel_key;
ALTER TABLE notifications ADD CONSTRAINT notifications_once
    UNIQUE (request_id, status_seq, channel, reporter);
ALTER TABLE notifications DROP CONSTRAINT notifications_state_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_state_check
    CHECK (state IN ('created', 'sending', 'sent', 'delivered', 'failed', 'superseded'));
ALTER TABLE notifications ADD CONSTRAINT notifications_superseded_says_by
    CHECK ((state = 'superseded') = (superseded_by IS NOT NULL));
CREATE INDEX notifications_held ON notifications (request_id, reporter, channel) WHERE state = 'created';
