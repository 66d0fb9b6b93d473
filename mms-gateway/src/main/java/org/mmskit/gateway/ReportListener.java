package org.mmskit.gateway;

import java.util.Optional;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.ReadReply;

/**
 * Receives the reports that belong to messages the gateway sent, each once, with the tracking ID it
 * found for them and the recipient they are about (right even when the MMSC swapped sender and
 * recipient, as Mbuni does). A callback that does not answer success (or throws) makes the MMSC
 * send the report again, and it is then handed over again.
 */
public interface ReportListener {

  default Acknowledgement onDeliveryReport(
      String trackingId, Optional<String> recipient, DeliveryReport report) {
    return Acknowledgement.ok();
  }

  default Acknowledgement onReadReply(
      String trackingId, Optional<String> recipient, ReadReply reply) {
    return Acknowledgement.ok();
  }
}
