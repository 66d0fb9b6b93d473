package org.mmskit.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.ReadStatus;
import org.mmskit.core.Transport;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduEncoder;
import org.mmskit.core.pdu.MmsVersion;
import org.mmskit.core.pdu.PduMessages;
import org.mmskit.core.pdu.PduStatus;
import org.mmskit.core.pdu.PduType;
import org.mmskit.eaif.EaifHeaders;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body;
import org.mmskit.mm7.internal.Mm7Codec;
import org.mmskit.mm7.internal.Mm7Envelope;
import org.mmskit.mm7.internal.Mm7Limits;
import org.mmskit.mm7.internal.Mm7Payload;
import org.mmskit.mm7.internal.Mm7WriteOptions;
import org.mmskit.testkit.VaspAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts MMSC-to-VASP requests (MM7 and EAIF) to an application's listener and reads its answers.
 * Thread-safe; one pooled HTTP client per mock.
 */
public final class VaspSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VaspSender.class);
  private static final int MAX_ANSWER = 1 << 20;

  private final CloseableHttpClient http;
  private final String authorization;

  public VaspSender(String user, String password, Duration timeout) {
    Timeout t = Timeout.of(timeout);
    this.http =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(16)
                    .setMaxConnPerRoute(8)
                    .setDefaultSocketConfig(
                        SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(t).build())
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t).build())
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom().setResponseTimeout(t).setConnectionRequestTimeout(t).build())
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .build();
    this.authorization =
        user == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** An MM7 DeliverReq carrying {@code message}. */
  public VaspAnswer deliverMm7(
      URI url, Mm7Version version, String relayServerId, String messageId, MmsMessage message) {
    MmsMessage m = message.date().isPresent() ? message : message.toBuilder().date(now()).build();
    Mm7Body.DeliverReq req =
        new Mm7Body.DeliverReq(
            Optional.of(relayServerId),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            m);
    return postMm7(url, version, req, messageId);
  }

  /** An EAIF m-send-req (MO message) carrying {@code message}. */
  public VaspAnswer deliverEaif(URI url, String messageId, MmsMessage message) {
    MmsPdu pdu =
        PduMessages.toSendReq(
            message.date().isPresent() ? message : message.toBuilder().date(now()).build(),
            "mock-" + UUID.randomUUID(),
            MmsVersion.V1_2);
    HttpPost post = eaifPost(url, EaifHeaders.TYPE_MESSAGE, messageId);
    post.addHeader(EaifHeaders.FROM, message.from().orElseThrow().value());
    for (Address to : message.recipients()) {
      if (!to.displayOnly()) {
        post.addHeader(EaifHeaders.TO, to.value());
      }
    }
    return postEaif(post, pdu, "m-send-req", messageId);
  }

  /** A delivery report: MM7 DeliveryReportReq or EAIF m-delivery-ind. */
  public VaspAnswer deliveryReport(
      URI url,
      Transport transport,
      Mm7Version version,
      String relayServerId,
      String messageId,
      Address recipient,
      Address sender,
      DeliveryStatus status,
      Instant date) {
    if (transport == Transport.MM7) {
      Mm7Body.DeliveryReportReq req =
          new Mm7Body.DeliveryReportReq(
              Optional.of(relayServerId),
              messageId,
              Optional.of(recipient),
              Optional.ofNullable(sender),
              Optional.of(date),
              status.mm7Name(),
              Optional.empty(),
              Optional.of("reported by MockMmsc"),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty());
      return postMm7(url, version, req, messageId);
    }
    MmsPdu.Builder b =
        MmsPdu.builder(PduType.DELIVERY_IND)
            .version(MmsVersion.V1_2)
            .messageId(messageId)
            .addTo(recipient.toPduString())
            .date(date)
            .status(PduStatus.statusOctet(status));
    HttpPost post = eaifPost(url, EaifHeaders.TYPE_DELIVERY_REPORT, messageId);
    post.addHeader(EaifHeaders.FROM, recipient.value());
    return postEaif(post, b.build(), "m-delivery-ind", messageId);
  }

  /** A read reply: MM7 ReadReplyReq or EAIF m-read-orig-ind. */
  public VaspAnswer readReply(
      URI url,
      Transport transport,
      Mm7Version version,
      String relayServerId,
      String messageId,
      Address reader,
      Address originalSender,
      ReadStatus status,
      Instant date) {
    if (transport == Transport.MM7) {
      Mm7Body.ReadReplyReq req =
          new Mm7Body.ReadReplyReq(
              Optional.of(relayServerId),
              messageId,
              Optional.of(reader),
              Optional.ofNullable(originalSender),
              Optional.of(date),
              status.mm7Name(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty());
      return postMm7(url, version, req, messageId);
    }
    if (originalSender == null) {
      throw new IllegalArgumentException(
          "an m-read-orig-ind needs the original sender; the submission had none");
    }
    MmsPdu pdu =
        MmsPdu.builder(PduType.READ_ORIG_IND)
            .version(MmsVersion.V1_2)
            .messageId(messageId)
            .addTo(originalSender.toPduString())
            .from(reader.toPduString())
            .date(date)
            .readStatus(PduStatus.readStatusOctet(status))
            .build();
    HttpPost post = eaifPost(url, EaifHeaders.TYPE_READ_REPLY, messageId);
    return postEaif(post, pdu, "m-read-orig-ind", messageId);
  }

  private VaspAnswer postMm7(URI url, Mm7Version version, Mm7Body body, String messageId) {
    String tx = "mock-" + UUID.randomUUID();
    Mm7Payload p = Mm7Codec.encode(Mm7Envelope.of(tx, version, body), Mm7WriteOptions.standard());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      p.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HttpPost post = post(url);
    post.addHeader("SOAPAction", "\"\"");
    post.setEntity(new ByteArrayEntity(out.toByteArray(), ContentType.parse(p.contentType())));
    String name = body.elementName();
    try {
      return http.execute(
          post,
          response -> {
            int code = response.getCode();
            byte[] answer = read(response.getEntity() == null ? null : response.getEntity());
            String ct = response.getEntity() == null ? null : response.getEntity().getContentType();
            if (code >= 300 && !isSoap(ct)) {
              // An HTTP refusal (401, 404, 503 ...) with a text or HTML page: its status says it.
              return new VaspAnswer(
                  Transport.MM7,
                  name,
                  messageId,
                  code,
                  OptionalInt.empty(),
                  reason(response.getReasonPhrase()),
                  Optional.empty());
            }
            if (answer.length == 0) {
              return new VaspAnswer(
                  Transport.MM7,
                  name,
                  messageId,
                  code,
                  OptionalInt.empty(),
                  reason(response.getReasonPhrase()),
                  Optional.empty());
            }
            try {
              Mm7Envelope env = Mm7Codec.read(ct, answer, Mm7Limits.defaults());
              Mm7Body.Status s = status(env.body());
              return new VaspAnswer(
                  Transport.MM7,
                  name,
                  messageId,
                  code,
                  s == null ? OptionalInt.empty() : OptionalInt.of(s.code()),
                  s == null ? reason(response.getReasonPhrase()) : s.text(),
                  Optional.empty());
            } catch (MmsMalformedException e) {
              return new VaspAnswer(
                  Transport.MM7,
                  name,
                  messageId,
                  code,
                  OptionalInt.empty(),
                  reason(response.getReasonPhrase()),
                  Optional.of("unreadable MM7 answer: " + e.getMessage()));
            }
          });
    } catch (IOException e) {
      String why = describe(e);
      LOG.debug("MM7 {} to {} failed: {}", name, masked(url), why);
      return new VaspAnswer(
          Transport.MM7, name, messageId, 0, OptionalInt.empty(), "", Optional.of(why));
    }
  }

  /** True for the content types a SOAP answer comes in (XML, or multipart with attachments). */
  private static boolean isSoap(String contentType) {
    if (contentType == null) {
      return false;
    }
    String ct = contentType.toLowerCase(java.util.Locale.ROOT);
    return ct.contains("xml") || ct.startsWith("multipart/");
  }

  private static Mm7Body.Status status(Mm7Body body) {
    if (body instanceof Mm7Body.Response r) {
      return r.status();
    }
    if (body instanceof Mm7Body.Fault f) {
      return f.detail()
          .map(Mm7Body.ErrorRsp::status)
          .orElse(Mm7Body.Status.of(3000, f.faultString()));
    }
    return null;
  }

  private HttpPost eaifPost(URI url, String messageType, String messageId) {
    HttpPost post = post(url);
    post.addHeader(EaifHeaders.VERSION, EaifHeaders.DEFAULT_VERSION);
    post.addHeader(EaifHeaders.MESSAGE_TYPE, messageType);
    post.addHeader(EaifHeaders.MESSAGE_ID, messageId);
    return post;
  }

  private VaspAnswer postEaif(HttpPost post, MmsPdu pdu, String name, String messageId) {
    post.setEntity(
        new ByteArrayEntity(
            MmsPduEncoder.encode(pdu), ContentType.create(EaifHeaders.CONTENT_TYPE)));
    try {
      return http.execute(
          post,
          response -> {
            byte[] answer = read(response.getEntity());
            String text = reason(response.getReasonPhrase());
            if (response.getCode() >= 300 && answer.length > 0) {
              text = new String(answer, StandardCharsets.UTF_8).trim();
            }
            return new VaspAnswer(
                Transport.EAIF,
                name,
                messageId,
                response.getCode(),
                OptionalInt.empty(),
                text,
                Optional.empty());
          });
    } catch (IOException e) {
      String why = describe(e);
      LOG.debug("EAIF {} to {} failed: {}", name, post.getRequestUri(), why);
      return new VaspAnswer(
          Transport.EAIF, name, messageId, 0, OptionalInt.empty(), "", Optional.of(why));
    }
  }

  /**
   * A POST to {@code url}. Credentials written in the URL ({@code http://user:pass@host/...}) are
   * sent as HTTP Basic instead of the mock's own and left out of the request line.
   */
  private HttpPost post(URI url) {
    String userInfo = url.getRawUserInfo();
    HttpPost post = new HttpPost(withoutUserInfo(url));
    String auth = authorization;
    if (userInfo != null) {
      String decoded = URLDecoder.decode(userInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
      auth =
          "Basic " + Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8));
    }
    if (auth != null) {
      post.addHeader("Authorization", auth);
    }
    return post;
  }

  /** The URL without its user information, for requests. */
  static URI withoutUserInfo(URI url) {
    if (url.getRawUserInfo() == null) {
      return url;
    }
    String s = url.toString();
    int at = s.indexOf(url.getRawUserInfo() + "@");
    return URI.create(s.substring(0, at) + s.substring(at + url.getRawUserInfo().length() + 1));
  }

  /** The URL with the password in its user information replaced by {@code ****}, for logs. */
  public static String masked(URI url) {
    String info = url.getRawUserInfo();
    if (info == null) {
      return url.toString();
    }
    int colon = info.indexOf(':');
    String shown = (colon < 0 ? info : info.substring(0, colon)) + ":****";
    return url.toString().replace(info + "@", shown + "@");
  }

  /** Why an exchange failed, in words (the cause's message), without Java class names. */
  static String describe(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return e.getMessage() == null ? "connection refused" : e.getMessage();
    }
    if (e instanceof java.net.SocketTimeoutException
        || e instanceof org.apache.hc.core5.http.ConnectionRequestTimeoutException) {
      return "no answer in time";
    }
    if (e instanceof java.net.UnknownHostException) {
      return "unknown host " + e.getMessage();
    }
    if (e instanceof org.apache.hc.core5.http.NoHttpResponseException) {
      return "the listener closed the connection without answering";
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? "connection failed" : m;
  }

  private static byte[] read(org.apache.hc.core5.http.HttpEntity entity) throws IOException {
    if (entity == null) {
      return new byte[0];
    }
    try (InputStream in = entity.getContent()) {
      if (in == null) {
        return new byte[0];
      }
      byte[] b = in.readNBytes(MAX_ANSWER + 1);
      if (b.length > MAX_ANSWER) {
        throw new IOException("answer larger than " + MAX_ANSWER + " bytes");
      }
      return b;
    }
  }

  private static String reason(String phrase) {
    return phrase == null ? "" : phrase;
  }

  private static Instant now() {
    return Instant.now();
  }

  @Override
  public void close() {
    http.close(CloseMode.GRACEFUL);
  }
}
