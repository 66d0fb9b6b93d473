package org.mmskit.gateway.daemon;

import java.nio.file.Path;

/** The daemon as a process of its own: what {@code mmskit gateway --config F} runs. */
public final class DaemonChild {
  private DaemonChild() {}

  public static void main(String[] args) throws Exception {
    GatewayDaemon d = GatewayDaemon.start(Path.of(args[0]));
    System.out.println("READY " + d.apiUri() + " " + d.listenerPort());
    System.out.flush();
    d.awaitShutdown();
  }
}
