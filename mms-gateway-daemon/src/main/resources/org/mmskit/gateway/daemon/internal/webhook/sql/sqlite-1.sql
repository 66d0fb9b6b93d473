-- Version 1 of the webhook outbox (SQLite). Times are epoch milliseconds.
-- One row per event and target, deleted when the target accepts it (2xx).
CREATE TABLE mmsgwd_webhook_outbox (
  id INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  target TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_until INTEGER,
  last_error TEXT,
  last_attempt_at INTEGER,
  body BLOB NOT NULL
);
-- claims take one target's due rows at a time, so that a slow target cannot hold every sender
CREATE INDEX mmsgwd_webhook_outbox_due ON mmsgwd_webhook_outbox (target, next_attempt_at, id);
-- Parts too large to travel inline; their bodies are files in <outbox file>.parts/<token>.
CREATE TABLE mmsgwd_webhook_parts (
  token TEXT PRIMARY KEY,
  event_id TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX mmsgwd_webhook_parts_expiry ON mmsgwd_webhook_parts (expires_at);
