-- A disabled agency keeps its history but gets no new work, and its Kafka user and ACLs are revoked.
ALTER TABLE agencies ADD COLUMN active boolean NOT NULL DEFAULT true;
