package org.mmskit.core;

/**
 * Receives what an MMSC sends the application, whatever the transport. Each method returns the
 * acknowledgement the MMSC gets; the defaults accept. Calls may come from several threads at once.
 *
 * <p>A method that throws makes the transport answer with a server error so the MMSC retries later;
 * the exception is logged. Nothing is acknowledged that the callback did not accept.
 */
public interface MmsListener {

  /** A message from a subscriber. */
  default Acknowledgement onMessage(IncomingMessage message) {
    return Acknowledgement.ok();
  }

  /** A delivery report for a message the application submitted. */
  default Acknowledgement onDeliveryReport(DeliveryReport report) {
    return Acknowledgement.ok();
  }

  /** A read reply for a message the application submitted. */
  default Acknowledgement onReadReply(ReadReply reply) {
    return Acknowledgement.ok();
  }
}
