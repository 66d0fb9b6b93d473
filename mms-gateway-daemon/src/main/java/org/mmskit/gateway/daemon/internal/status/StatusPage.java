package org.mmskit.gateway.daemon.internal.status;

import org.mmskit.gateway.MmsGateway;
import org.mmskit.server.InboundHandler;

/** The HTML page at {@code GET /}: connections, queue depth per route, recent messages, errors. */
public final class StatusPage {
  private StatusPage() {}

  /** The handler the daemon mounts at {@code /}. */
  public static InboundHandler handler(Activity activity, MmsGateway gateway) {
    throw new UnsupportedOperationException("status page: not built yet");
  }
}
