package org.mmskit.mm4.internal;

import java.util.function.Consumer;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsListener;
import org.mmskit.core.ReadReply;
import org.mmskit.mm4.Mm4Response;

/**
 * Hands a read mail to the application's callback and returns its acknowledgement. A {@code .RES}
 * with no callback for it is "not handled", like any callback the application did not provide.
 */
public final class Mm4Dispatcher {
  private final MmsListener listener;
  private final Consumer<Mm4Response> responses;

  /**
   * @param listener the application's listener
   * @param responses the callback for {@code .RES} mails, or null
   */
  public Mm4Dispatcher(MmsListener listener, Consumer<Mm4Response> responses) {
    this.listener = listener;
    this.responses = responses;
  }

  /** The application's answer; exceptions from its callbacks pass through. */
  public Acknowledgement dispatch(InboundMail mail) {
    Object p = mail.payload();
    if (p instanceof IncomingMessage) {
      return listener.onMessage((IncomingMessage) p);
    }
    if (p instanceof DeliveryReport) {
      return listener.onDeliveryReport((DeliveryReport) p);
    }
    if (p instanceof ReadReply) {
      return listener.onReadReply((ReadReply) p);
    }
    if (responses == null) {
      return Acknowledgement.notHandled();
    }
    responses.accept((Mm4Response) p);
    return Acknowledgement.ok();
  }
}
