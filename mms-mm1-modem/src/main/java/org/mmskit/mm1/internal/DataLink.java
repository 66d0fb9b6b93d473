package org.mmskit.mm1.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mmskit.core.Header;
import org.mmskit.core.MmsException;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.Transport;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduDecoder;
import org.mmskit.core.pdu.PduLimits;
import org.mmskit.core.pdu.PduType;
import org.mmskit.http.internal.HttpAnswer;
import org.mmskit.http.internal.HttpClientOptions;
import org.mmskit.http.internal.HttpTransport;
import org.mmskit.http.internal.RequestBody;

/**
 * MM1 over HTTP: the exchanges of a handset with its MMSC (OMA-TS-MMS_CTR §6) on the project's HTTP
 * layer: POST of PDUs to the MMSC URL and GET of messages, through the operator's WAP proxy, with
 * the handset headers MMSCs look at, each inside the link control, each failure as the SDK's
 * exceptions: not reached → not sent; no answer → unknown outcome; HTTP error → refused with its
 * status.
 */
public final class DataLink implements AutoCloseable {
  /** The content type of every MMS PDU on MM1 (OMA-TS-MMS_ENC §7). */
  public static final String MMS_MESSAGE = "application/vnd.wap.mms-message";

  private final HttpTransport http;
  private final List<Header> headers;
  private final LinkControl link;
  private final PduLimits limits;

  /**
   * The HTTP settings both the client and the listener take.
   *
   * @param mmscUrl where PDUs are POSTed
   * @param proxy the WAP proxy, or null; without a port, port 80
   * @param user the Basic user, or null for none
   * @param userAgent the User-Agent header, or null for the layer's own
   * @param wapProfile the x-wap-profile header, or null
   */
  public record Settings(
      URI mmscUrl,
      URI proxy,
      Duration connectTimeout,
      Duration responseTimeout,
      String user,
      String password,
      String userAgent,
      String wapProfile,
      long maxResponseBytes) {}

  public DataLink(Settings s, LinkControl link, PduLimits limits) {
    HttpClientOptions o = new HttpClientOptions(false, s.maxResponseBytes());
    o.endpoint(s.mmscUrl());
    if (s.proxy() != null) {
      o.proxy(
          s.proxy().getPort() < 0
              ? URI.create(
                  (s.proxy().getScheme() == null ? "http" : s.proxy().getScheme())
                      + "://"
                      + s.proxy().getHost()
                      + ":80")
              : s.proxy());
    }
    o.connectTimeout(s.connectTimeout());
    o.responseTimeout(s.responseTimeout());
    // a handset has one or two exchanges at a time
    o.maxConnections(4);
    if (s.user() != null) {
      o.credentials(s.user(), s.password());
    }
    this.http = new HttpTransport(o, Transport.MM1, DataLink::summary);
    List<Header> h = new ArrayList<>();
    h.add(new Header("Accept", "*/*, " + MMS_MESSAGE));
    if (s.userAgent() != null) {
      h.add(new Header("User-Agent", s.userAgent()));
    }
    if (s.wapProfile() != null) {
      h.add(new Header("x-wap-profile", s.wapProfile()));
    }
    this.headers = List.copyOf(h);
    this.link = link;
    this.limits = limits;
  }

  /** How the wire trace shows an answer: the PDU's type and Transaction-ID, if it is one. */
  private static String summary(String contentType, byte[] body) {
    if (body.length == 0) {
      return "(no body)";
    }
    try {
      MmsPdu pdu = MmsPduDecoder.decode(body);
      return pdu.type().specName()
          + pdu.transactionId().map(t -> " transaction " + t).orElse("")
          + " ("
          + body.length
          + " bytes)";
    } catch (MmsException | IllegalArgumentException e) {
      return contentType + " (" + body.length + " bytes, not an MMS PDU)";
    }
  }

  /** POSTs a PDU to the MMSC and reads the PDU it answers, if any (null for an empty body). */
  public MmsPdu post(byte[] pdu, String what) {
    return exchange(http.endpoint(), pdu, what);
  }

  /** GETs a message from its Content-Location. */
  public MmsPdu get(URI location) {
    MmsPdu pdu = exchange(location, null, "retrieve");
    if (pdu == null) {
      throw new MmsMalformedException("retrieve of " + location + " answered no body", null);
    }
    return pdu;
  }

  private MmsPdu exchange(URI url, byte[] body, String what) {
    HttpAnswer answer;
    try {
      link.acquire();
    } catch (java.io.IOException e) {
      throw new MmsTransportException("data link not up: " + e.getMessage(), e, false);
    }
    try {
      answer =
          body == null
              ? http.get(url, headers)
              : http.post(headers, RequestBody.of(MMS_MESSAGE, body, summary(MMS_MESSAGE, body)));
    } catch (MmsTransportException e) {
      throw new MmsTransportException(
          what + ": " + e.getMessage() + (e.requestSent() ? "; the MMSC may have acted on it" : ""),
          e,
          e.requestSent(),
          e.isRetryable());
    } finally {
      link.release();
    }
    if (!answer.success()) {
      int s = answer.status();
      throw http.rejected(answer, what + " to " + url, s >= 500 || s == 408 || s == 429);
    }
    if (answer.truncated()) {
      throw new MmsMalformedException(
          what + " to " + url + ": answer larger than " + answer.body().length + " bytes", null);
    }
    if (answer.body().length == 0) {
      return null;
    }
    return MmsPduDecoder.decode(answer.body(), limits);
  }

  /** Checks that an answer is of the expected type. */
  public static MmsPdu expect(MmsPdu pdu, PduType type, String what) {
    if (pdu == null) {
      throw new MmsMalformedException(what + ": the MMSC answered no PDU", null);
    }
    if (pdu.type() != type) {
      throw new MmsMalformedException(
          what + ": the MMSC answered " + pdu.type().specName() + ", not " + type.specName(), null);
    }
    return pdu;
  }

  @Override
  public void close() {
    http.close();
  }
}
