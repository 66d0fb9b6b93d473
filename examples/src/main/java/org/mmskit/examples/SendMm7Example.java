package org.mmskit.examples;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.mmskit.core.Address;
import org.mmskit.core.MmsException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.SubmitResult;
import org.mmskit.mm7.Mm7Client;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.testkit.MockMmsc;

/**
 * Sends one MMS over MM7 with the configuration an operator hands out (see {@link OperatorConfig}).
 * Without {@code MMSKIT_MM7_URL} it starts a {@link MockMmsc} and sends there, so it runs anywhere.
 */
public final class SendMm7Example {
  private SendMm7Example() {}

  public static void main(String[] args) {
    Optional<String> url = OperatorConfig.get("MMSKIT_MM7_URL");
    MockMmsc mock = url.isPresent() ? null : MockMmsc.start();
    URI endpoint = url.map(URI::create).orElseGet(() -> mock.mm7Uri());
    try (Mm7Client client = client(endpoint)) {
      MmsMessage message =
          MmsMessage.builder()
              .to(Address.phone(OperatorConfig.get("MMSKIT_TO", "+15551234567")))
              .subject("Your order has shipped")
              .addPart(MmsPart.text("Parcel 4711 is on its way."))
              .deliveryReport(true)
              .build();
      SubmitResult r = client.submit(message);
      System.out.println("Accepted: message ID " + r.messageId() + ", status " + r.statusCode());
    } catch (MmscRejectedException e) {
      // The MMSC answered and said no: look at the status code (see the README's table).
      System.err.println(
          "Refused: "
              + e.kind()
              + " "
              + e.statusCode().orElse(0)
              + " "
              + e.statusText().orElse("")
              + (e.isRetryable() ? " (retry later)" : " (fix the request)"));
      System.exit(1);
    } catch (MmsTransportException e) {
      System.err.println(
          "No answer: " + e.getMessage() + (e.requestSent() ? " (may have been sent)" : ""));
      System.exit(1);
    } catch (MmsException e) {
      System.err.println("Failed: " + e.getMessage());
      System.exit(1);
    } finally {
      if (mock != null) {
        mock.close();
      }
    }
  }

  /** The client as an operator's welcome e-mail describes it. */
  static Mm7Client client(URI endpoint) {
    Mm7Client.Builder b =
        Mm7Client.builder()
            .endpoint(endpoint)
            .vaspId(OperatorConfig.get("MMSKIT_VASP_ID", "my-vasp"))
            .vasId(OperatorConfig.get("MMSKIT_VAS_ID", "my-service"))
            .serviceCode(OperatorConfig.get("MMSKIT_SERVICE_CODE", "1234"))
            .defaultSender(Address.shortCode(OperatorConfig.get("MMSKIT_SHORT_CODE", "12345")))
            .version(Mm7Version.REL_6_MM7_1_4)
            .connectTimeout(Duration.ofSeconds(5))
            .responseTimeout(Duration.ofSeconds(30));
    OperatorConfig.login().ifPresent(login -> b.credentials(login[0], login[1]));
    return b.build();
  }
}
