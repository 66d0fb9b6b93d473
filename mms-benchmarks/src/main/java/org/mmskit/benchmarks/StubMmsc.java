package org.mmskit.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.HttpRequestHandler;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;

/**
 * A loopback MM7 relay/server stub for benchmarks: an HttpCore 5 classic server that reads each
 * request body fully and answers a canned {@code SubmitRsp} (status 1000) echoing the request's
 * TransactionID and MM7 namespace, over keep-alive connections with TCP_NODELAY.
 *
 * <p>Its per-request work is the same whichever client sent the request, so the MM7 client and a
 * raw HTTP POST of the same bytes can be compared against it. Thread-safe.
 */
public final class StubMmsc implements AutoCloseable {

  private static final String DEFAULT_NS =
      "http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-6-MM7-1-4";
  private static final byte[] TX_ELEMENT = "TransactionID".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NS_PREFIX =
      "http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/"
          .getBytes(StandardCharsets.US_ASCII);
  private static final ContentType TEXT_XML =
      ContentType.create("text/xml", StandardCharsets.UTF_8);

  private final HttpServer server;
  private final AtomicLong requests = new AtomicLong();
  private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[64 * 1024]);
  private final long answerDelayNanos;
  private volatile boolean capture;
  private volatile Request captured;

  /** A request as the stub received it. */
  public record Request(String contentType, String soapAction, byte[] body) {}

  private StubMmsc(java.time.Duration answerDelay) throws IOException {
    this.answerDelayNanos = answerDelay.toNanos();
    HttpRequestHandler handler = this::handle;
    server =
        ServerBootstrap.bootstrap()
            .setLocalAddress(InetAddress.getLoopbackAddress())
            .setListenerPort(0)
            .setSocketConfig(SocketConfig.custom().setTcpNoDelay(true).setSoKeepAlive(true).build())
            .setRequestRouter((request, context) -> handler)
            .create();
    server.start();
  }

  /** Starts a stub on an ephemeral loopback port. */
  public static StubMmsc start() throws IOException {
    return new StubMmsc(java.time.Duration.ZERO);
  }

  /** Starts a stub that answers each request only after {@code delay}, as a loaded MMSC does. */
  public static StubMmsc start(java.time.Duration answerDelay) throws IOException {
    return new StubMmsc(answerDelay);
  }

  /** The URI clients post to. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/mm7");
  }

  /** Requests answered so far. */
  public long requests() {
    return requests.get();
  }

  private void handle(ClassicHttpRequest request, ClassicHttpResponse response, HttpContext context)
      throws IOException {
    byte[] buf = buffers.get();
    int len = 0;
    HttpEntity entity = request.getEntity();
    if (entity != null) {
      try (InputStream in = entity.getContent()) {
        int n;
        while ((n = in.read(buf, len, buf.length - len)) > 0) {
          len += n;
          if (len == buf.length) {
            byte[] bigger = new byte[buf.length * 2];
            System.arraycopy(buf, 0, bigger, 0, len);
            buf = bigger;
            buffers.set(buf);
          }
        }
      }
    }
    requests.incrementAndGet();
    if (capture) {
      captured =
          new Request(
              entity != null && entity.getContentType() != null
                  ? entity.getContentType()
                  : header(request, "Content-Type"),
              header(request, "SOAPAction"),
              java.util.Arrays.copyOf(buf, len));
    }
    if (answerDelayNanos > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(answerDelayNanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("stub stopped", e);
      }
    }
    String tx = elementText(buf, len, TX_ELEMENT);
    String ns = namespace(buf, len);
    response.setCode(200);
    response.setEntity(new ByteArrayEntity(submitRsp(tx == null ? "" : tx, ns), TEXT_XML));
  }

  /** From now on, keeps a copy of the last request (costs a copy per request). */
  public void captureRequests(boolean on) {
    capture = on;
  }

  /** The last request captured, or null. */
  public Request lastRequest() {
    return captured;
  }

  private static String header(ClassicHttpRequest request, String name) {
    org.apache.hc.core5.http.Header h = request.getFirstHeader(name);
    return h == null ? null : h.getValue();
  }

  /** Message IDs handed out, so each answer names another message, as an MMSC's do. */
  private static final java.util.concurrent.atomic.AtomicLong MESSAGE_IDS =
      new java.util.concurrent.atomic.AtomicLong(0x10000000L);

  /** The canned answer, for a given transaction id and MM7 namespace, with a new message ID. */
  static byte[] submitRsp(String transactionId, String namespace) {
    return submitRsp(
        transactionId, namespace, "bench-" + Long.toHexString(MESSAGE_IDS.incrementAndGet()));
  }

  /** The canned answer, for a given transaction id, MM7 namespace and message ID. */
  static byte[] submitRsp(String transactionId, String namespace, String messageId) {
    String version = namespace.contains("REL-5") ? "5.3.0" : "6.8.0";
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            + "<env:Header><mm7:TransactionID xmlns:mm7=\""
            + namespace
            + "\" env:mustUnderstand=\"1\">"
            + transactionId
            + "</mm7:TransactionID></env:Header>"
            + "<env:Body><SubmitRsp xmlns=\""
            + namespace
            + "\"><MM7Version>"
            + version
            + "</MM7Version><Status><StatusCode>1000</StatusCode>"
            + "<StatusText>Success</StatusText></Status>"
            + "<MessageID>"
            + messageId
            + "</MessageID></SubmitRsp></env:Body></env:Envelope>";
    return xml.getBytes(StandardCharsets.UTF_8);
  }

  /** The text of the first element whose name ends with {@code name}, trimmed; null if absent. */
  static String elementText(byte[] buf, int len, byte[] name) {
    int at = indexOf(buf, len, name, 0);
    while (at >= 0) {
      int gt = indexOf(buf, len, new byte[] {'>'}, at);
      if (gt < 0) {
        return null;
      }
      boolean opening = at > 0 && (buf[at - 1] == '<' || buf[at - 1] == ':') && buf[gt - 1] != '/';
      if (opening) {
        int lt = indexOf(buf, len, new byte[] {'<'}, gt);
        if (lt < 0) {
          return null;
        }
        return new String(buf, gt + 1, lt - gt - 1, StandardCharsets.UTF_8).trim();
      }
      at = indexOf(buf, len, name, at + name.length);
    }
    return null;
  }

  private static String namespace(byte[] buf, int len) {
    int at = indexOf(buf, len, NS_PREFIX, 0);
    if (at < 0) {
      return DEFAULT_NS;
    }
    int end = at;
    while (end < len && buf[end] != '"' && buf[end] != '\'' && buf[end] != '<') {
      end++;
    }
    return new String(buf, at, end - at, StandardCharsets.US_ASCII);
  }

  private static int indexOf(byte[] buf, int len, byte[] what, int from) {
    outer:
    for (int i = from; i <= len - what.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (buf[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void close() {
    server.close(CloseMode.IMMEDIATE);
    try {
      server.awaitTermination(TimeValue.of(1, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
