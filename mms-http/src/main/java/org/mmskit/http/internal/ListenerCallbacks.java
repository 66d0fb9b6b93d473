package org.mmskit.http.internal;

import java.util.Objects;
import java.util.function.Function;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsListener;
import org.mmskit.core.ReadReply;

/**
 * What a listener builder was given to call: an {@link MmsListener}, or one function per kind of
 * request. A kind without a function gets {@link MmsListener}'s default answer. Mutable, for the
 * builders; not thread-safe.
 */
public final class ListenerCallbacks {
  private MmsListener listener;
  private Function<IncomingMessage, Acknowledgement> onMessage;
  private Function<DeliveryReport, Acknowledgement> onDeliveryReport;
  private Function<ReadReply, Acknowledgement> onReadReply;

  public void listener(MmsListener listener) {
    Objects.requireNonNull(listener, "listener");
    if (onMessage != null || onDeliveryReport != null || onReadReply != null) {
      throw new IllegalStateException("give either listener(...) or the on... callbacks");
    }
    this.listener = listener;
  }

  public void onMessage(Function<IncomingMessage, Acknowledgement> callback) {
    noListener();
    this.onMessage = Objects.requireNonNull(callback, "callback");
  }

  public void onDeliveryReport(Function<DeliveryReport, Acknowledgement> callback) {
    noListener();
    this.onDeliveryReport = Objects.requireNonNull(callback, "callback");
  }

  public void onReadReply(Function<ReadReply, Acknowledgement> callback) {
    noListener();
    this.onReadReply = Objects.requireNonNull(callback, "callback");
  }

  private void noListener() {
    if (listener != null) {
      throw new IllegalStateException("give either listener(...) or the on... callbacks");
    }
  }

  /**
   * The listener to call.
   *
   * @throws IllegalStateException when neither a listener nor a callback was given
   */
  public MmsListener build() {
    if (listener != null) {
      return listener;
    }
    if (onMessage == null && onDeliveryReport == null && onReadReply == null) {
      throw new IllegalStateException("listener(...) or an on... callback is required");
    }
    Function<IncomingMessage, Acknowledgement> m = onMessage;
    Function<DeliveryReport, Acknowledgement> d = onDeliveryReport;
    Function<ReadReply, Acknowledgement> r = onReadReply;
    return new MmsListener() {
      @Override
      public Acknowledgement onMessage(IncomingMessage message) {
        return m != null ? m.apply(message) : MmsListener.super.onMessage(message);
      }

      @Override
      public Acknowledgement onDeliveryReport(DeliveryReport report) {
        return d != null ? d.apply(report) : MmsListener.super.onDeliveryReport(report);
      }

      @Override
      public Acknowledgement onReadReply(ReadReply reply) {
        return r != null ? r.apply(reply) : MmsListener.super.onReadReply(reply);
      }

      @Override
      public String toString() {
        return "callbacks"
            + (m != null ? " onMessage" : "")
            + (d != null ? " onDeliveryReport" : "")
            + (r != null ? " onReadReply" : "");
      }
    };
  }
}
