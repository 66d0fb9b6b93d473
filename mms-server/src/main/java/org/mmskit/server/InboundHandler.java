package org.mmskit.server;

import java.io.IOException;

/**
 * Answers one inbound HTTP request: the service provider interface that MM7 and EAIF listeners
 * implement and {@link MmsServer} calls.
 *
 * <p>A handler does not depend on the embedded server: a servlet or framework can build an {@link
 * InboundRequest} and write the returned {@link InboundResponse} itself.
 *
 * <p>Threading: the embedded server calls {@code handle} on its worker threads, concurrently for
 * different connections, so implementations must be thread-safe.
 *
 * <p>Errors: a protocol handler should map its own failures to its protocol's error format (a SOAP
 * fault, an HTTP 400). When {@code handle} throws anyway, the server logs the exception and answers
 * {@code 500}; if the body could not be read because the peer dropped the connection or the body
 * exceeded the size cap, the server closes the connection or answers {@code 413} instead.
 */
@FunctionalInterface
public interface InboundHandler {
  /**
   * Handles one request and returns the response to send.
   *
   * @param request the request; its body may be read during this call only
   * @return the response, never {@code null}
   * @throws IOException when reading the request body fails (peer gone, body over the size cap)
   */
  InboundResponse handle(InboundRequest request) throws IOException;
}
