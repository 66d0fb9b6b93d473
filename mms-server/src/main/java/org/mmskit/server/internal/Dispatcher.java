package org.mmskit.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.HttpRequestHandler;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.mmskit.server.Account;
import org.mmskit.server.CidrRange;
import org.mmskit.server.CredentialSource;
import org.mmskit.server.HeaderMap;
import org.mmskit.server.InboundRequest;
import org.mmskit.server.InboundResponse;
import org.mmskit.server.RequestListener;
import org.mmskit.server.RequestOutcome;
import org.mmskit.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single HttpCore request handler: routes by prefix, checks allow-lists and credentials,
 * enforces the body cap, calls the {@link org.mmskit.server.InboundHandler} and turns its result
 * (or failure) into the HTTP response. Thread-safe; holds no per-request state.
 */
final class Dispatcher implements HttpRequestHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  /** Compared against when the account name is unknown, so both cases cost the same. */
  private static final Account DUMMY = Account.of("-", "\u0000unused\u0000");

  /** How much of a refused request's body is read to keep the connection; beyond, it closes. */
  private static final long REJECT_DRAIN_LIMIT = 256 * 1024;

  private final Route[] routes;
  private final long maxBody;
  private final Semaphore slots;
  private final RequestListener listener;
  private volatile boolean shuttingDown;

  Dispatcher(List<Route> routes, long maxBody, int workers, RequestListener listener) {
    List<Route> sorted = new ArrayList<>(routes);
    sorted.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
    this.routes = sorted.toArray(new Route[0]);
    this.maxBody = maxBody;
    this.slots = new Semaphore(workers);
    this.listener = listener;
  }

  /** From now on, responses ask clients to close their connection. */
  void beginShutdown() {
    shuttingDown = true;
  }

  @Override
  public void handle(ClassicHttpRequest request, ClassicHttpResponse response, HttpContext context)
      throws IOException {
    long start = System.nanoTime();
    Exchange x = exchange(request, context);
    String target = request.getPath();
    int q = target == null ? -1 : target.indexOf('?');
    String query = q < 0 ? null : target.substring(q + 1);
    try {
      dispatch(request, response, HttpCoreContext.cast(context), x, query);
    } catch (IOException | RuntimeException | Error e) {
      report(x, start);
      throw e;
    }
    if (listener != null && response.getEntity() instanceof ResponseEntity body) {
      // Reported once the body is sent, or sending it failed (then as lost, status 0).
      body.whenDone(
          failure -> {
            if (failure != null) {
              x.status = 0;
              x.failure = failure;
            }
            report(x, start);
          });
    } else {
      report(x, start);
    }
  }

  private static Exchange exchange(ClassicHttpRequest request, HttpContext context) {
    Exchange x = new Exchange();
    x.method = request.getMethod();
    String target = request.getPath();
    if (target == null) {
      target = "/";
    }
    int q = target.indexOf('?');
    x.path = q < 0 ? target : target.substring(0, q);
    x.remote = remoteAddress(HttpCoreContext.cast(context).getEndpointDetails());
    return x;
  }

  private void report(Exchange x, long start) {
    if (listener == null) {
      return;
    }
    try {
      listener.requestAnswered(
          new RequestOutcome(
              x.method,
              x.path,
              Optional.ofNullable(x.remote),
              Optional.ofNullable(x.account),
              x.status,
              Duration.ofNanos(System.nanoTime() - start),
              Optional.ofNullable(x.failure)));
    } catch (RuntimeException e) {
      LOG.warn("request listener failed", e);
    }
  }

  private void dispatch(
      ClassicHttpRequest request,
      ClassicHttpResponse response,
      HttpCoreContext core,
      Exchange x,
      String query)
      throws IOException {
    HttpEntity entity = request.getEntity();
    // From here on the body is ours: HttpCore must not drain it after the response (unbounded for
    // chunked bodies); finish() drains it within limits or closes the connection.
    request.setEntity(null);
    long declared = entity == null ? 0 : entity.getContentLength();
    CappedInputStream body =
        new CappedInputStream(
            entity == null ? InputStream.nullInputStream() : entity.getContent(), maxBody);
    try {
      serve(request, response, core, x, query, body, declared);
    } finally {
      finish(response, x, body, declared);
      if (shuttingDown) {
        response.setHeader("Connection", "close");
      }
    }
  }

  private void serve(
      ClassicHttpRequest request,
      ClassicHttpResponse response,
      HttpCoreContext core,
      Exchange x,
      String query,
      CappedInputStream body,
      long declared)
      throws IOException {
    Route route = admit(request, response, x, declared);
    if (route == null) {
      return;
    }

    HeaderMap headers;
    try {
      headers = headers(request);
    } catch (IllegalArgumentException e) {
      LOG.info("refused {} {} from {}: {}", x.method, x.path, x.remote, e.getMessage());
      reject(response, x, 400, "malformed header");
      return;
    }
    InboundRequest inbound =
        InboundRequest.builder()
            .method(x.method)
            .path(x.path)
            .query(query)
            .headers(headers)
            .body(body)
            .contentLength(declared)
            .remoteAddress(x.remote)
            .account(x.account)
            .secure(core.getSSLSession() != null)
            .build();
    if (listener != null) {
      try {
        listener.requestReceived(inbound);
      } catch (RuntimeException e) {
        LOG.warn("request listener failed", e);
      }
    }

    InboundResponse answer;
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      x.failure = e;
      reject(response, x, 503, "server shutting down");
      return;
    }
    try {
      answer = route.handler().handle(inbound);
      if (answer == null) {
        throw new IllegalStateException("handler returned null");
      }
    } catch (IOException e) {
      x.failure = e;
      if (body.tooLarge()) {
        LOG.warn("refused {} {} from {}: body over {} bytes", x.method, x.path, x.remote, maxBody);
        reject(response, x, 413, "request body too large");
        return;
      }
      if (body.failed()) {
        // The peer broke the body off: the exchange is lost and the connection is unusable.
        LOG.warn(
            "{} {} from {}: request body incomplete: {}", x.method, x.path, x.remote, e.toString());
        throw e;
      }
      LOG.error("handler for {} failed on {} {}", route.prefix(), x.method, x.path, e);
      reject(response, x, 500, "internal error");
      return;
    } catch (RuntimeException | Error e) {
      x.failure = e;
      LOG.error("handler for {} failed on {} {}", route.prefix(), x.method, x.path, e);
      if (body.failed()) {
        throw new IOException("request body incomplete", e);
      }
      reject(
          response,
          x,
          body.tooLarge() ? 413 : 500,
          body.tooLarge() ? "request body too large" : "internal error");
      if (e instanceof Error err && !(e instanceof AssertionError)) {
        throw err;
      }
      return;
    } finally {
      slots.release();
    }
    if (body.tooLarge()) {
      // The handler swallowed the overflow: it saw an incomplete body, so its answer is not
      // trustworthy.
      x.failure = new BodyTooLargeException(maxBody);
      reject(response, x, 413, "request body too large");
      return;
    }
    x.status = answer.status();
    response.setCode(answer.status());
    HeaderMap h = answer.headers();
    for (int i = 0; i < h.size(); i++) {
      String name = h.name(i);
      if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")) {
        continue;
      }
      response.addHeader(name, h.value(i));
    }
    if (bodyAllowed(answer.status())) {
      response.setEntity(new ResponseEntity(answer));
    }
  }

  /**
   * Routing, allow-lists, credentials and the declared body size. Returns the route to serve, or
   * null after writing the refusal into {@code response}.
   */
  private Route admit(
      ClassicHttpRequest request, ClassicHttpResponse response, Exchange x, long declared) {
    Route route = match(x.path);
    if (route == null) {
      reject(response, x, 404, "no route for this path");
      return null;
    }
    if (!allowed(route.allowFrom(), x.remote)) {
      LOG.warn("refused {} {} from {}: not in route allow-list", x.method, x.path, x.remote);
      reject(response, x, 403, "address not allowed");
      return null;
    }
    if (!route.isOpen()) {
      Authorization auth = authenticate(route, request, x.path);
      x.path = auth.path;
      if (auth.account == null) {
        LOG.info("refused {} {} from {}: missing or wrong credentials", x.method, x.path, x.remote);
        response.addHeader(
            "WWW-Authenticate", "Basic realm=\"" + route.realm() + "\", charset=\"UTF-8\"");
        reject(response, x, 401, "authentication required");
        return null;
      }
      if (!auth.account.allows(x.remote)) {
        LOG.warn(
            "refused {} {} from {}: not in allow-list of account {}",
            x.method,
            x.path,
            x.remote,
            auth.account.name());
        reject(response, x, 403, "address not allowed");
        return null;
      }
      x.account = auth.account.name();
    }

    if (declared > maxBody) {
      x.failure = new BodyTooLargeException(maxBody);
      LOG.warn("refused {} {} from {}: body of {} bytes", x.method, x.path, x.remote, declared);
      reject(response, x, 413, "request body too large");
      return null;
    }
    return route;
  }

  /**
   * Checks a request that waits for {@code 100 Continue} before its body is sent: when it would be
   * refused anyway, writes the refusal into {@code response} (connection to be closed, body never
   * asked for) and returns false. Called before HttpCore sends the interim response.
   */
  boolean admitBeforeContinue(
      ClassicHttpRequest request, ClassicHttpResponse response, HttpContext context) {
    long start = System.nanoTime();
    Exchange x = exchange(request, context);
    HttpEntity entity = request.getEntity();
    long declared = entity == null ? 0 : entity.getContentLength();
    if (admit(request, response, x, declared) != null) {
      return true;
    }
    report(x, start);
    return false;
  }

  /**
   * Reads what the handler left of the body, so the connection can carry the next request, within
   * limits; otherwise marks the response {@code Connection: close}.
   */
  private void finish(
      ClassicHttpResponse response, Exchange x, CappedInputStream body, long declared) {
    if (body.atEof() || declared == 0) {
      return;
    }
    boolean reusable = false;
    if (!body.tooLarge() && !body.failed() && declared <= maxBody) {
      long budget = x.status >= 400 ? Math.min(maxBody, REJECT_DRAIN_LIMIT) : maxBody;
      if (declared < 0 || declared - body.count() <= budget) {
        reusable = drain(body, budget);
      }
    }
    if (!reusable) {
      response.setHeader("Connection", "close");
    }
  }

  private static boolean drain(CappedInputStream body, long budget) {
    byte[] scratch = new byte[8192];
    long start = body.count();
    try {
      while (body.count() - start <= budget) {
        if (body.read(scratch, 0, scratch.length) < 0) {
          return true;
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  private static boolean bodyAllowed(int status) {
    return status >= 200 && status != 204 && status != 304;
  }

  private static void reject(ClassicHttpResponse response, Exchange x, int status, String text) {
    x.status = status;
    response.setCode(status);
    if (status == 413) {
      response.setHeader("Connection", "close");
    }
    byte[] b = (text + "\n").getBytes(StandardCharsets.US_ASCII);
    response.setHeader("Content-Type", "text/plain; charset=US-ASCII");
    response.setEntity(new ResponseEntity(InboundResponse.builder(status).body(b).build()));
  }

  private Route match(String path) {
    for (Route r : routes) {
      String p = r.prefix();
      if (p.length() == 1) {
        return r; // "/"
      }
      if (path.startsWith(p) && (path.length() == p.length() || path.charAt(p.length()) == '/')) {
        return r;
      }
    }
    return null;
  }

  private static boolean allowed(List<CidrRange> allowList, InetAddress remote) {
    if (allowList.isEmpty()) {
      return true;
    }
    for (CidrRange r : allowList) {
      if (r.contains(remote)) {
        return true;
      }
    }
    return false;
  }

  private static InetAddress remoteAddress(EndpointDetails details) {
    if (details == null) {
      return null;
    }
    SocketAddress a = details.getRemoteAddress();
    return a instanceof InetSocketAddress isa ? isa.getAddress() : null;
  }

  private static HeaderMap headers(ClassicHttpRequest request) {
    HeaderMap.Builder b = HeaderMap.builder();
    Iterator<Header> it = request.headerIterator();
    while (it.hasNext()) {
      Header h = it.next();
      b.add(h.getName(), h.getValue() == null ? "" : h.getValue());
    }
    return b.build();
  }

  /** Checks the route's credentials. */
  static Authorization authenticate(Route route, ClassicHttpRequest request, String path) {
    Header authz = request.getFirstHeader("Authorization");
    String name = null;
    String password = null;
    String cleanPath = path;
    if (authz != null && route.credentialSources().contains(CredentialSource.BASIC)) {
      String[] np = Credentials.parseBasic(authz.getValue());
      if (np != null) {
        name = np[0];
        password = np[1];
      }
    } else if (route.credentialSources().contains(CredentialSource.PATH_SEGMENTS)
        || route.credentialSources().contains(CredentialSource.PATH_KEY_VALUE)) {
      boolean segments = route.credentialSources().contains(CredentialSource.PATH_SEGMENTS);
      String[] npp = Credentials.parsePath(route.prefix(), path, segments);
      if (npp != null) {
        name = npp[0];
        password = npp[1];
        cleanPath = npp[2];
      }
    }
    if (name == null) {
      return new Authorization(null, cleanPath);
    }
    Account account = route.accounts().get(name);
    boolean match = (account == null ? DUMMY : account).passwordMatches(password);
    if (account == null || !match) {
      return new Authorization(null, cleanPath);
    }
    return new Authorization(account, cleanPath);
  }

  /**
   * The authenticated account (null when credentials were missing or wrong) and the path with any
   * path credentials removed, so that neither a right nor a wrong password gets logged.
   */
  record Authorization(Account account, String path) {}

  /** Mutable facts about one exchange, for the outcome report. */
  private static final class Exchange {
    String method;
    String path;
    InetAddress remote;
    String account;
    int status;
    Throwable failure;
  }

  /** Credential parsing, kept apart for tests. */
  static final class Credentials {
    private Credentials() {}

    /** Returns {name, password} from a Basic header value, or null. */
    static String[] parseBasic(String value) {
      if (value == null || value.length() < 6 || !value.regionMatches(true, 0, "Basic ", 0, 6)) {
        return null;
      }
      String b64 = value.substring(6).strip();
      if (b64.length() > 4096) {
        return null;
      }
      byte[] decoded;
      try {
        decoded = Base64.getDecoder().decode(b64);
      } catch (IllegalArgumentException e) {
        return null;
      }
      String s = new String(decoded, StandardCharsets.UTF_8);
      int colon = s.indexOf(':');
      if (colon <= 0) {
        return null;
      }
      return new String[] {s.substring(0, colon), s.substring(colon + 1)};
    }

    /**
     * Returns {name, password, path without credentials} from {@code /prefix/name/password[/rest]}
     * (segments) or {@code /prefix/name=password[/rest]}, or null.
     */
    static String[] parsePath(String prefix, String path, boolean segments) {
      int base = prefix.length() == 1 ? 0 : prefix.length();
      if (path.length() <= base + 1 || path.charAt(base) != '/') {
        return null;
      }
      int firstEnd = path.indexOf('/', base + 1);
      if (firstEnd < 0) {
        firstEnd = path.length();
      }
      String first = path.substring(base + 1, firstEnd);
      String name;
      String password;
      int restStart;
      if (segments) {
        if (firstEnd >= path.length()) {
          return null;
        }
        int secondEnd = path.indexOf('/', firstEnd + 1);
        if (secondEnd < 0) {
          secondEnd = path.length();
        }
        name = PercentDecoder.decode(first);
        password = PercentDecoder.decode(path.substring(firstEnd + 1, secondEnd));
        restStart = secondEnd;
      } else {
        int eq = first.indexOf('=');
        if (eq <= 0) {
          return null;
        }
        name = PercentDecoder.decode(first.substring(0, eq));
        password = PercentDecoder.decode(first.substring(eq + 1));
        restStart = firstEnd;
      }
      if (name == null || password == null || name.isEmpty()) {
        return null;
      }
      String rest = path.substring(restStart);
      String clean = (base == 0 ? "" : prefix) + rest;
      if (clean.isEmpty()) {
        clean = "/";
      }
      return new String[] {name, password, clean};
    }
  }
}
