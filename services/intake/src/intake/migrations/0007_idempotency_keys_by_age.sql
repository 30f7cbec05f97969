-- Idempotency keys are kept for a day (DEKAT_IDEMPOTENCY_KEEP_HOURS); the retention job finds
-- the oldest through this index.
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
