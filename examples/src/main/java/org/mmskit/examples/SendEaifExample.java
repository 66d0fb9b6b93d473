package org.mmskit.examples;

import java.net.URI;
import java.util.Optional;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.SubmitResult;
import org.mmskit.eaif.EaifClient;
import org.mmskit.testkit.MockMmsc;

/**
 * Sends one MMS over EAIF (Nokia's HTTP interface with binary PDUs). Without {@code
 * MMSKIT_EAIF_URL} it starts a {@link MockMmsc} and sends there.
 */
public final class SendEaifExample {
  private SendEaifExample() {}

  public static void main(String[] args) {
    Optional<String> url = OperatorConfig.get("MMSKIT_EAIF_URL");
    try (MockMmsc mock = url.isPresent() ? null : MockMmsc.start()) {
      URI endpoint = url.map(URI::create).orElseGet(() -> mock.eaifUri());
      EaifClient.Builder b =
          EaifClient.builder()
              .endpoint(endpoint)
              .defaultSender(Address.shortCode(OperatorConfig.get("MMSKIT_SHORT_CODE", "12345")));
      OperatorConfig.login().ifPresent(login -> b.credentials(login[0], login[1]));
      try (EaifClient client = b.build()) {
        SubmitResult r =
            client.submit(
                MmsMessage.builder()
                    .to(Address.phone(OperatorConfig.get("MMSKIT_TO", "+15551234567")))
                    .subject("Hello over EAIF")
                    .addPart(MmsPart.text("Sent as an m-send-req PDU."))
                    .build());
        System.out.println("Accepted: message ID " + r.messageId() + ", HTTP " + r.statusCode());
      }
    }
  }
}
