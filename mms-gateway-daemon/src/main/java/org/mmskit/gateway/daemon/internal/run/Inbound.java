package org.mmskit.gateway.daemon.internal.run;

import java.util.Optional;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsListener;
import org.mmskit.core.ReadReply;
import org.mmskit.gateway.MessageStatus;
import org.mmskit.gateway.OutcomeListener;
import org.mmskit.gateway.ReportListener;
import org.mmskit.gateway.daemon.internal.status.Activity;
import org.mmskit.gateway.daemon.internal.webhook.Webhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What arrives (incoming messages, reports, final outcomes) goes into the webhook outbox before it
 * is acknowledged: {@link Webhooks} returns once the event is stored, and a failure to store
 * answers the MMSC "try later" (or, for an outcome, makes the gateway tell it again).
 */
final class Inbound implements MmsListener, ReportListener, OutcomeListener {
  private static final Logger LOG = LoggerFactory.getLogger(Inbound.class);

  private final Webhooks webhooks;
  private final Activity activity;

  Inbound(Webhooks webhooks, Activity activity) {
    this.webhooks = webhooks;
    this.activity = activity;
  }

  // ---- the gateway's listener: incoming messages and reports about messages it did not send ----

  @Override
  public Acknowledgement onMessage(IncomingMessage message) {
    try {
      webhooks.message(message);
    } catch (RuntimeException e) {
      return later("incoming message", e);
    }
    activity.incoming(message);
    return Acknowledgement.ok();
  }

  @Override
  public Acknowledgement onDeliveryReport(DeliveryReport report) {
    return onDeliveryReport(Optional.empty(), Optional.empty(), report);
  }

  @Override
  public Acknowledgement onReadReply(ReadReply reply) {
    return onReadReply(Optional.empty(), Optional.empty(), reply);
  }

  // ---- reports matched to a message the gateway sent ----

  @Override
  public Acknowledgement onDeliveryReport(
      String trackingId, Optional<String> recipient, DeliveryReport report) {
    return onDeliveryReport(Optional.of(trackingId), recipient, report);
  }

  @Override
  public Acknowledgement onReadReply(
      String trackingId, Optional<String> recipient, ReadReply reply) {
    return onReadReply(Optional.of(trackingId), recipient, reply);
  }

  private Acknowledgement onDeliveryReport(
      Optional<String> trackingId, Optional<String> recipient, DeliveryReport report) {
    try {
      webhooks.deliveryReport(trackingId, recipient, report);
    } catch (RuntimeException e) {
      return later("delivery report", e);
    }
    activity.deliveryReport(trackingId, recipient, report);
    return Acknowledgement.ok();
  }

  private Acknowledgement onReadReply(
      Optional<String> trackingId, Optional<String> recipient, ReadReply reply) {
    try {
      webhooks.readReply(trackingId, recipient, reply);
    } catch (RuntimeException e) {
      return later("read reply", e);
    }
    activity.readReply(trackingId, recipient, reply);
    return Acknowledgement.ok();
  }

  // ---- final outcomes; a throw makes the gateway tell again ----

  @Override
  public void onOutcome(MessageStatus status) {
    webhooks.outcome(status);
    activity.outcome(status);
  }

  private Acknowledgement later(String what, RuntimeException e) {
    LOG.warn("could not store the {} for its webhook; the MMSC is asked to send it again", what, e);
    activity.error("webhooks", "could not store a " + what + ": " + e.getMessage());
    return Acknowledgement.refuse(4006, "Service unavailable: not stored, try again later");
  }
}
