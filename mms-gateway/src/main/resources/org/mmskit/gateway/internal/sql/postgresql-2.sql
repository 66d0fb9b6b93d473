-- Version 2 (postgresql): outcomes told to the application at least once, and the report index's lease.
-- One row per message until the application was told its outcome. remaining counts its deliveries
-- not yet final; due_at is set when it reaches 0 (and moved by leases and retries of the telling).
CREATE TABLE mmsgw_outcomes (
  tracking_id TEXT PRIMARY KEY,
  remaining INTEGER NOT NULL,
  due_at BIGINT,
  lease_owner TEXT,
  attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX mmsgw_outcomes_due ON mmsgw_outcomes (due_at);
-- messages under way when the store is migrated are told when they end
INSERT INTO mmsgw_outcomes (tracking_id, remaining)
  SELECT tracking_id, COUNT(*) FROM mmsgw_jobs WHERE state IN ('QUEUED', 'SENDING')
  GROUP BY tracking_id;
-- a report being handed to the application by one instance: others answer "try later" meanwhile
ALTER TABLE mmsgw_reports ADD COLUMN claimed_until BIGINT;
