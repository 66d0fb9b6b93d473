package org.mmskit.mm7.internal.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.mm7.Mm7ProbeResult.Step;
import org.mmskit.mm7.Mm7ProbeResult.Verdict;
import org.mmskit.mm7.internal.Mm7Body;
import org.mmskit.mm7.internal.Mm7Codec;
import org.mmskit.mm7.internal.Mm7Envelope;
import org.mmskit.mm7.internal.Mm7Limits;

/**
 * The reachability steps: name resolution, TCP connect, TLS handshake, and the HTTP answer to an
 * empty SOAP envelope without and with the login. Works on plain JDK sockets and the JDK's HTTP
 * client, apart from the MM7 client.
 */
final class Reachability {
  /** A SOAP envelope with an empty body: no MM7 operation, nothing an MMSC could carry out. */
  static final String EMPTY_ENVELOPE =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          + "<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\">"
          + "<env:Body/></env:Envelope>";

  /** How much of an answer body is kept for the trace and the reading. */
  private static final int MAX_BODY = 64 * 1024;

  private final Session session;
  private final ProbeSettings settings;
  private final URI url;
  private final String host;
  private final int port;
  private final boolean tls;
  private final List<Step> steps = new ArrayList<>();

  /** The verdict that makes further requests pointless, or null. */
  private Verdict blocking;

  private HttpClient http;

  /** The no-answer count at the end (HTTP requests that got none). */
  private int noAnswers;

  Reachability(Session session) {
    this.session = session;
    this.settings = session.settings();
    this.url = settings.url();
    this.host = url.getHost();
    this.tls = url.getScheme().equalsIgnoreCase("https");
    this.port = url.getPort() > 0 ? url.getPort() : (tls ? 443 : 80);
  }

  List<Step> steps() {
    return steps;
  }

  Verdict blocking() {
    return blocking;
  }

  int noAnswers() {
    return noAnswers;
  }

  void run() {
    InetAddress address = resolve();
    if (address == null || !connect(address)) {
      blocking = Verdict.UNREACHABLE;
      return;
    }
    if (blocking != null) {
      return;
    }
    Integer plain = http("http", false);
    if (blocking == null && settings.hasCredentials() && (plain == null || plain == 401)) {
      http("http-auth", true);
    }
  }

  private InetAddress resolve() {
    long t0 = System.nanoTime();
    try {
      InetAddress[] all = InetAddress.getAllByName(host);
      List<String> shown = new ArrayList<>();
      for (InetAddress a : all) {
        shown.add(a.getHostAddress());
      }
      steps.add(new Step("dns", true, since(t0), host + " -> " + String.join(", ", shown)));
      return all[0];
    } catch (UnknownHostException e) {
      steps.add(new Step("dns", false, since(t0), host + " does not resolve: " + e.getMessage()));
      return null;
    }
  }

  /** TCP connect, then the TLS handshake for https; false when the MMSC cannot be reached. */
  private boolean connect(InetAddress address) {
    long t0 = System.nanoTime();
    int timeout = (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
    try (Socket s = new Socket()) {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(address, port), timeout);
      steps.add(
          new Step(
              "tcp", true, since(t0), "connected to " + address.getHostAddress() + ":" + port));
      if (tls) {
        return handshake(s);
      }
      return true;
    } catch (SocketTimeoutException e) {
      steps.add(
          new Step(
              "tcp",
              false,
              since(t0),
              "no answer to connect within "
                  + Session.seconds(settings.connectTimeout())
                  + " to port "
                  + port
                  + ": a firewall or allow-list drops us, or the port is wrong"));
    } catch (ConnectException e) {
      steps.add(
          new Step(
              "tcp",
              false,
              since(t0),
              "connection to port " + port + " refused: wrong port, or the service is down"));
    } catch (IOException e) {
      steps.add(new Step("tcp", false, since(t0), "cannot connect: " + e));
    }
    return false;
  }

  private boolean handshake(Socket tcp) {
    long t0 = System.nanoTime();
    try (SSLSocket s =
        (SSLSocket) settings.tls().getSocketFactory().createSocket(tcp, host, port, true)) {
      SSLParameters p = s.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      s.setSSLParameters(p);
      s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, settings.responseTimeout().toMillis()));
      s.startHandshake();
      steps.add(new Step("tls", true, since(t0), describe(s.getSession()) + ", verifies"));
      return true;
    } catch (SSLException e) {
      String cert = certificateOnly();
      steps.add(
          new Step(
              "tls",
              false,
              since(t0),
              (cert.isEmpty() ? "" : cert + ", ") + "does not verify: " + e.getMessage()));
    } catch (IOException | GeneralSecurityException e) {
      steps.add(new Step("tls", false, since(t0), "TLS handshake failed: " + e));
    }
    return false;
  }

  /**
   * The certificate of a server whose chain did not verify, read on a second connection that trusts
   * anything; nothing is sent over it.
   */
  private String certificateOnly() {
    int timeout = (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
    try (Socket tcp = new Socket()) {
      tcp.connect(new InetSocketAddress(host, port), timeout);
      SSLContext any = SSLContext.getInstance("TLS");
      any.init(null, new TrustManager[] {new AnyCertificate()}, null);
      try (SSLSocket s = (SSLSocket) any.getSocketFactory().createSocket(tcp, host, port, false)) {
        s.setSoTimeout(timeout);
        s.startHandshake();
        return describe(s.getSession());
      }
    } catch (IOException | GeneralSecurityException e) {
      return "";
    }
  }

  private static String describe(SSLSession session) throws SSLException {
    StringBuilder sb =
        new StringBuilder(session.getProtocol()).append(' ').append(session.getCipherSuite());
    Certificate[] chain = session.getPeerCertificates();
    if (chain.length > 0 && chain[0] instanceof X509Certificate c) {
      sb.append(", certificate subject \"")
          .append(c.getSubjectX500Principal().getName())
          .append("\" issuer \"")
          .append(c.getIssuerX500Principal().getName())
          .append("\" valid until ")
          .append(c.getNotAfter().toInstant());
    }
    return sb.toString();
  }

  /**
   * POSTs the empty envelope and records the answer.
   *
   * @return the HTTP status, or null without an answer
   */
  private Integer http(String name, boolean withLogin) {
    if (!session.take()) {
      return null;
    }
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(url)
            .timeout(settings.responseTimeout())
            .header("Content-Type", "text/xml; charset=utf-8")
            .header("SOAPAction", Candidates.DEFAULT_SOAP_ACTION)
            .header("User-Agent", "MMSKit-probe/0.1")
            .POST(HttpRequest.BodyPublishers.ofString(EMPTY_ENVELOPE, StandardCharsets.UTF_8));
    if (withLogin) {
      rb.header("Authorization", basic());
    }
    HttpRequest request = rb.build();
    String requestText = describe(request);
    HttpClient client = httpClient();
    long t0 = System.nanoTime();
    HttpResponse<InputStream> response;
    byte[] body;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_BODY);
      }
    } catch (HttpTimeoutException e) {
      noAnswers++;
      String why = "no answer within " + Session.seconds(settings.responseTimeout());
      steps.add(new Step(name, false, since(t0), why));
      session.trace(name, requestText, why);
      return null;
    } catch (IOException e) {
      noAnswers++;
      String why = "no answer: the connection was closed or reset (" + e.getMessage() + ")";
      steps.add(new Step(name, false, since(t0), why));
      session.trace(name, requestText, why);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      steps.add(new Step(name, false, since(t0), "interrupted"));
      return null;
    }
    Duration elapsed = since(t0);
    int status = response.statusCode();
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    session.trace(name, requestText, describe(response, body));
    Verdict v = Classifier.forHttp(status);
    boolean refused =
        v == Verdict.NEEDS_CREDENTIALS || v == Verdict.FORBIDDEN || v == Verdict.WRONG_PATH;
    String detail = "HTTP " + status + ": " + reading(contentType, body);
    if (status == 401 && !withLogin && settings.hasCredentials()) {
      detail += " (asks for the login, as expected)";
      refused = false;
    } else if (refused) {
      detail += " - " + v.meaning();
      blocking = v;
    }
    steps.add(new Step(name, !refused, elapsed, detail));
    return status;
  }

  /** The JDK client of this run's HTTP steps, made on first use. */
  private HttpClient httpClient() {
    if (http == null) {
      HttpClient.Builder cb =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(settings.connectTimeout());
      if (settings.sslContext() != null) {
        cb.sslContext(settings.sslContext());
      }
      http = cb.build();
    }
    return http;
  }

  /** The answer body in words: the MM7 answer it holds, an HTML page, or its size and type. */
  private static String reading(String contentType, byte[] body) {
    if (body.length == 0) {
      return "no body";
    }
    try {
      Mm7Envelope env = Mm7Codec.read(contentType, body, Mm7Limits.defaults());
      String what =
          env.body() instanceof Mm7Body.Fault f
              ? "SOAP fault "
                  + f.faultCode()
                  + " \""
                  + f.faultString()
                  + "\""
                  + f.detail().map(d -> " with MM7 status " + d.status().code()).orElse("")
              : env.body().elementName()
                  + (env.body() instanceof Mm7Body.Response r
                      ? " with MM7 status " + r.status().code()
                      : "");
      return what
          + " in "
          + env.version().schema()
          + " "
          + env.version().mm7Version()
          + " ("
          + env.dialect().name().toLowerCase(Locale.ROOT)
          + ")";
    } catch (MmsMalformedException e) {
      String ct = contentType.toLowerCase(Locale.ROOT);
      if (ct.contains("html")
          || new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1)
              .toLowerCase(Locale.ROOT)
              .contains("<html")) {
        return "an HTML page, not an MM7 answer";
      }
      return body.length
          + " bytes of "
          + (contentType.isEmpty() ? "unnamed type" : contentType)
          + ", not an MM7 answer";
    }
  }

  private String basic() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(
                (settings.user() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
  }

  private static String describe(HttpRequest r) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.method()).append(' ').append(r.uri()).append(" HTTP/1.1\n");
    for (Map.Entry<String, List<String>> h : r.headers().map().entrySet()) {
      for (String v : h.getValue()) {
        sb.append(h.getKey()).append(": ").append(v).append('\n');
      }
    }
    return sb.append('\n').append(EMPTY_ENVELOPE).append('\n').toString();
  }

  private static String describe(HttpResponse<?> r, byte[] body) {
    StringBuilder sb = new StringBuilder();
    sb.append("HTTP/1.1 ").append(r.statusCode()).append('\n');
    for (Map.Entry<String, List<String>> h : r.headers().map().entrySet()) {
      for (String v : h.getValue()) {
        sb.append(h.getKey()).append(": ").append(v).append('\n');
      }
    }
    return sb.append('\n').append(new String(body, StandardCharsets.UTF_8)).append('\n').toString();
  }

  private static Duration since(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  /** Trusts any certificate: only to read a certificate that did not verify. */
  private static final class AnyCertificate implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
