-- Version 1 of the gateway's tables (SQLite). Times are epoch milliseconds.
CREATE TABLE mmsgw_jobs (
  id INTEGER PRIMARY KEY,
  tracking_id TEXT NOT NULL,
  route TEXT NOT NULL,
  connection TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  in_doubt INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  lease_owner TEXT,
  lease_until INTEGER,
  txn_id TEXT NOT NULL UNIQUE,
  mmsc_message_id TEXT,
  reason TEXT,
  recipients TEXT NOT NULL,
  payload BLOB NOT NULL
);
CREATE INDEX mmsgw_jobs_due ON mmsgw_jobs (route, state, next_attempt_at, id);
CREATE INDEX mmsgw_jobs_lease ON mmsgw_jobs (state, lease_until);
CREATE INDEX mmsgw_jobs_tracking ON mmsgw_jobs (tracking_id);
CREATE INDEX mmsgw_jobs_mmsc_id ON mmsgw_jobs (mmsc_message_id);
CREATE TABLE mmsgw_events (
  id INTEGER PRIMARY KEY,
  tracking_id TEXT NOT NULL,
  job_id INTEGER NOT NULL,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  connection TEXT,
  status_code INTEGER,
  detail TEXT NOT NULL,
  recipient TEXT
);
CREATE INDEX mmsgw_events_tracking ON mmsgw_events (tracking_id, id);
CREATE TABLE mmsgw_reports (
  report_key TEXT PRIMARY KEY,
  job_id INTEGER NOT NULL,
  forwarded INTEGER NOT NULL DEFAULT 0
);
