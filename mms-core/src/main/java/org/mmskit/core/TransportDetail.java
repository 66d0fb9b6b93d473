package org.mmskit.core;

/**
 * What one transport adds to a transport-neutral value: the HTTP status and SOAP fault of a refused
 * MM7 request, the SMTP reply of a refused MM4 mail, the modem's error of a refused MM1 send, or
 * the namespace an MM7 request used. Implementations are immutable records; read one with {@link
 * MmscRejectedException#detail(Class)} or {@link InboundContext#detail(Class)}.
 */
public interface TransportDetail {

  /** A short human-readable form, e.g. {@code HTTP 503 Service Unavailable}. */
  String describe();
}
