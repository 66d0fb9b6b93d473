package org.mmskit.mm7.internal;

import java.io.IOException;
import org.mmskit.core.MmsListener;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.server.InboundRequest;
import org.mmskit.server.InboundResponse;

/**
 * The work behind {@link org.mmskit.mm7.Mm7Handler}: reads an MM7 request with the codec, calls the
 * listener, writes the reply or a VASPErrorRsp fault. Thread-safe.
 */
public final class Mm7InboundProcessor {
  private final MmsListener listener;
  private final Mm7Version replyVersion;
  private final long maxRequestSize;

  /**
   * @param replyVersion the profile to answer in, null to echo the request's
   */
  public Mm7InboundProcessor(MmsListener listener, Mm7Version replyVersion, long maxRequestSize) {
    this.listener = listener;
    this.replyVersion = replyVersion;
    this.maxRequestSize = maxRequestSize;
  }

  /** Handles one request (work in progress: waits for the codec of branch mm7). */
  public InboundResponse handle(InboundRequest request) throws IOException {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
