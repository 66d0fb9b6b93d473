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
-- reports naming an MMSC message ID not stored yet (they came before the submit's result was
-- committed): kept until it is, or handed to the application as strangers after a grace period
CREATE TABLE mmsgw_held_reports (
  report_key TEXT PRIMARY KEY,
  mmsc_message_id TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  lease_owner TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  payload BYTEA NOT NULL
);
CREATE INDEX mmsgw_held_reports_due ON mmsgw_held_reports (due_at);
-- what the purge needs: the message a stored body belongs to, and reports by job
ALTER TABLE mmsgw_bodies ADD COLUMN tracking_id TEXT;
UPDATE mmsgw_bodies SET tracking_id = substr(ref, 1, 36);
CREATE INDEX mmsgw_bodies_tracking ON mmsgw_bodies (tracking_id);
CREATE INDEX mmsgw_reports_job ON mmsgw_reports (job_id);
