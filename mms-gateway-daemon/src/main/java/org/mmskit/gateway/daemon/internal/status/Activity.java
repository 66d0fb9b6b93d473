package org.mmskit.gateway.daemon.internal.status;

/**
 * What the daemon did lately, for the status page and the metrics: the daemon records, the page and
 * the metrics read. Thread-safe; keeps a bounded number of recent entries.
 */
public final class Activity {
  // Owned by the status page's engineer: recording methods such as connectionResult(name, ok,
  // detail), submitted(trackingId, route), outcome(status), report(...), message(...), error(...).
}
