package org.mmskit.core;

/**
 * Receives what an MMSC sends the application, whatever the transport. Each method returns the
 * acknowledgement the MMSC gets. Calls may come from several threads at once.
 *
 * <p>A method the application does not override answers {@link Acknowledgement#notHandled()}: the
 * protocol's "not accepted, try later", so that nothing the application never took is reported as
 * delivered. A method that throws makes the transport answer with a server error so the MMSC
 * retries later; the exception is logged.
 */
public interface MmsListener {

  /** A message from a subscriber. */
  default Acknowledgement onMessage(IncomingMessage message) {
    return Acknowledgement.notHandled();
  }

  /** A delivery report for a message the application submitted. */
  default Acknowledgement onDeliveryReport(DeliveryReport report) {
    return Acknowledgement.notHandled();
  }

  /** A read reply for a message the application submitted. */
  default Acknowledgement onReadReply(ReadReply reply) {
    return Acknowledgement.notHandled();
  }
}
