-- The retention jobs (dekat.retention) delete by age, a bounded batch at a time: each finds its
-- oldest rows through an index instead of scanning the table.
CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX inbox_processed_at ON inbox (processed_at);
