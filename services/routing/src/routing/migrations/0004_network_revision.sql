-- Bumped by every change to agencies, areas or the coordinator, so instances can cache the network.
ALTER TABLE network ADD COLUMN revision bigint NOT NULL DEFAULT 0;
