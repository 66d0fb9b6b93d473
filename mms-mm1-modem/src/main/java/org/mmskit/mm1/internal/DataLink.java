package org.mmskit.mm1.internal;

import java.io.IOException;
import java.net.URI;
import org.mmskit.core.HttpStatus;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.Transport;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduDecoder;
import org.mmskit.core.pdu.PduLimits;
import org.mmskit.core.pdu.PduType;

/**
 * MM1 over HTTP: the exchanges of a handset with its MMSC (OMA-TS-MMS_CTR §6), each inside the link
 * control, each failure as the SDK's exceptions: not reached → not sent; no answer → unknown
 * outcome; HTTP error → refused with its status.
 */
public final class DataLink implements AutoCloseable {
  private final MmscHttp http;
  private final URI mmsc;
  private final LinkControl link;
  private final PduLimits limits;

  public DataLink(MmscHttp http, URI mmsc, LinkControl link, PduLimits limits) {
    this.http = http;
    this.mmsc = mmsc;
    this.link = link;
    this.limits = limits;
  }

  /** POSTs a PDU to the MMSC and reads the PDU it answers, if any (null for an empty body). */
  public MmsPdu post(byte[] pdu, String what) {
    return exchange(mmsc, pdu, what);
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
    MmscHttp.Reply reply;
    try {
      link.acquire();
    } catch (IOException e) {
      throw new MmsTransportException("data link not up: " + e.getMessage(), e, false);
    }
    try {
      reply = body == null ? http.get(url) : http.post(url, body);
    } catch (MmscHttp.NotSentException e) {
      throw new MmsTransportException(what + ": " + e.getMessage(), e, false);
    } catch (IOException e) {
      throw new MmsTransportException(
          what + " to " + url + ": no answer (" + e + "); the MMSC may have acted on it", e, true);
    } finally {
      link.release();
    }
    if (reply.status() < 200 || reply.status() > 299) {
      int s = reply.status();
      throw MmscRejectedException.builder(Transport.MM1, MmscRejectedException.Kind.TRANSPORT)
          .detail(new HttpStatus(s, reply.reason()))
          .explanation(what + " to " + url)
          .retryable(s >= 500 || s == 408 || s == 429)
          .build();
    }
    if (reply.body().length == 0) {
      return null;
    }
    return MmsPduDecoder.decode(reply.body(), limits);
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
