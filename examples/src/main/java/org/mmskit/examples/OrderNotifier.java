package org.mmskit.examples;

import org.mmskit.core.Address;
import org.mmskit.core.MmsClient;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.MmscRejectedException;

/**
 * A piece of "application code" to show how to test it with {@code MockMmsc} (see {@code
 * OrderNotifierTest}): tells a customer that an order shipped, and reports whether the MMSC took
 * the message.
 */
public final class OrderNotifier {
  private final MmsClient client;

  public OrderNotifier(MmsClient client) {
    this.client = client;
  }

  /**
   * Sends the notification.
   *
   * @return the MMSC's message ID, or an empty string when the MMSC refused it for good
   * @throws MmscRejectedException when the refusal is temporary (the caller retries later)
   */
  public String orderShipped(String phone, String orderNumber, byte[] parcelPhoto) {
    MmsMessage m =
        MmsMessage.builder()
            .to(Address.phone(phone))
            .subject("Order " + orderNumber + " shipped")
            .addPart(MmsPart.text("Your order " + orderNumber + " is on its way."))
            .addPart(MmsPart.of("image/jpeg", parcelPhoto))
            .deliveryReport(true)
            .build();
    try {
      return client.submit(m).messageId();
    } catch (MmscRejectedException e) {
      if (e.isRetryable()) {
        throw e;
      }
      return "";
    }
  }
}
