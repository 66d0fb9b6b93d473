package org.mmskit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.mm7.Mm7Client;
import org.mmskit.testkit.MmscReply;
import org.mmskit.testkit.MockMmsc;
import org.mmskit.testkit.Submission;

/** How to test your own code with {@link MockMmsc}: real HTTP, real MM7, no operator. */
class OrderNotifierTest {
  private static final byte[] PHOTO = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00, 0x01};

  private MockMmsc mmsc;
  private Mm7Client client;
  private OrderNotifier notifier;

  @BeforeEach
  void start() {
    mmsc = MockMmsc.start();
    client =
        Mm7Client.builder()
            .endpoint(mmsc.mm7Uri())
            .vaspId("shop")
            .defaultSender(Address.shortCode("12345"))
            .build();
    notifier = new OrderNotifier(client);
  }

  @AfterEach
  void stop() {
    client.close();
    mmsc.close();
  }

  @Test
  void sendsTheNotificationTheCustomerShouldSee() {
    String id = notifier.orderShipped("+15557654321", "A-17", PHOTO);

    Submission s = mmsc.takeSubmission();
    assertThat(id).isEqualTo(s.messageId());
    MmsMessage m = s.message().orElseThrow();
    assertThat(m.to()).containsExactly(Address.phone("+15557654321"));
    assertThat(m.subject()).contains("Order A-17 shipped");
    assertThat(m.deliveryReport()).isTrue();
    assertThat(m.parts()).anySatisfy(p -> assertThat(p.bytes()).isEqualTo(PHOTO));
    assertThat(s.vaspId()).contains("shop");
  }

  @Test
  void aPermanentRefusalIsSwallowedAndATemporaryOneRethrown() {
    mmsc.enqueue(
        MmscReply.status(2002, "Address Error"), MmscReply.status(4006, "Service unavailable"));

    assertThat(notifier.orderShipped("+15557654321", "A-18", PHOTO)).isEmpty();
    assertThatThrownBy(() -> notifier.orderShipped("+15557654321", "A-19", PHOTO))
        .isInstanceOf(MmscRejectedException.class);
    assertThat(mmsc.submissions()).hasSize(2);
  }
}
