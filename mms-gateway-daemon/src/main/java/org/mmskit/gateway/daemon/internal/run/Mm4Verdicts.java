package org.mmskit.gateway.daemon.internal.run;

import java.util.Optional;
import java.util.function.Consumer;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.MmsListener;
import org.mmskit.gateway.daemon.internal.status.Activity;
import org.mmskit.mm4.Mm4MessageType;
import org.mmskit.mm4.Mm4Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peers' {@code .RES} answers. The gateway counts a submit over MM4 as sent once the peer's
 * SMTP server said 250; a peer that refuses the message later ({@code MM4_forward.RES} with a
 * status other than {@code Ok}) has said the message will not be delivered, which is what a {@code
 * REJECTED} delivery report says. So the refusal goes to the gateway as one, with the peer's status
 * as its raw status: it is matched by the message ID, lands in the message's history and reaches
 * the webhooks as a {@code delivery_report}. It is acknowledged (SMTP 250) only once the gateway
 * took it; otherwise the peer's MTA is told to try later.
 *
 * <p>A refusal without a message ID cannot be matched (the gateway knows messages by the MMSC's
 * message ID), and a refused {@code .RES} of another kind answers a report this gateway does not
 * send: those are shown among the status page's errors.
 */
final class Mm4Verdicts implements Consumer<Mm4Response> {
  private static final Logger LOG = LoggerFactory.getLogger(Mm4Verdicts.class);

  private final MmsListener gateway;
  private final Activity activity;

  Mm4Verdicts(MmsListener gateway, Activity activity) {
    this.gateway = gateway;
    this.activity = activity;
  }

  @Override
  public void accept(Mm4Response res) {
    if (res.isOk()) {
      LOG.info("MM4 answer: {}", res);
      return;
    }
    LOG.warn("MM4 answer refusing a message: {}", res);
    if (res.type() != Mm4MessageType.FORWARD_RES || res.messageId().isEmpty()) {
      activity.error("mm4", "the peer refused: " + res);
      return;
    }
    DeliveryReport report =
        new DeliveryReport(
            res.messageId().get(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            DeliveryStatus.REJECTED,
            res.requestStatus(),
            res.statusText().or(() -> Optional.of("MM4_forward.RES " + res.requestStatus())),
            res.context());
    Acknowledgement a = gateway.onDeliveryReport(report);
    if (!a.isSuccess()) {
      // thrown, the mail is answered 451 and the peer's MTA sends it again
      throw new IllegalStateException("the refusal was not stored: " + a);
    }
  }
}
