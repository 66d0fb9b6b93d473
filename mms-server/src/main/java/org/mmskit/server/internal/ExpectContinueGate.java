package org.mmskit.server.internal;

import java.io.IOException;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.HttpFilterChain;
import org.apache.hc.core5.http.io.HttpFilterHandler;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Runs first in HttpCore's filter chain: a request sent with {@code Expect: 100-continue} that
 * would be refused (no route, wrong credentials, address not allowed, declared body too large) is
 * answered at once, so the client never uploads a body that would be thrown away. Other requests
 * pass straight through.
 */
final class ExpectContinueGate implements HttpFilterHandler {
  private final Dispatcher dispatcher;

  ExpectContinueGate(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public void handle(
      ClassicHttpRequest request,
      HttpFilterChain.ResponseTrigger trigger,
      HttpContext context,
      HttpFilterChain chain)
      throws HttpException, IOException {
    Header expect = request.getFirstHeader("Expect");
    if (expect != null
        && expect.getValue() != null
        && expect.getValue().trim().equalsIgnoreCase("100-continue")) {
      BasicClassicHttpResponse refusal = new BasicClassicHttpResponse(200);
      if (!dispatcher.admitBeforeContinue(request, refusal, context)) {
        // The body was never asked for: do not wait for it, close after answering.
        request.setEntity(null);
        refusal.setHeader("Connection", "close");
        trigger.submitResponse(refusal);
        return;
      }
    }
    chain.proceed(request, trigger, context);
  }
}
