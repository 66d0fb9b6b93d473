package org.mmskit.cli;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.SubmitResult;
import org.mmskit.mm4.Mm4Client;
import org.mmskit.mm4.Mm4Listener;
import org.mmskit.mm4.Mm4Response;
import org.mmskit.testkit.MockMmsc;
import org.mmskit.testkit.Submission;
import org.mmskit.testkit.VaspAnswer;

/**
 * The MM4 part of {@code mmskit demo}: the application, acting as an MMSC, forwards the message to
 * the mock over SMTP, gets the mock's {@code MM4_forward.RES} on its own MM4 listener, then a
 * delivery report.
 */
final class DemoMm4 {
  private final Consumer<String> say;
  private final Duration timeout;
  private final BlockingQueue<Mm4Response> responses = new LinkedBlockingQueue<>();
  private final BlockingQueue<DeliveryReport> reports = new LinkedBlockingQueue<>();

  DemoMm4(Consumer<String> say, Duration timeout) {
    this.say = say;
    this.timeout = timeout;
  }

  /**
   * @param user the account the mock presents to the application's listeners
   * @param password its password
   */
  void run(MockMmsc mmsc, MmsMessage message, Address recipient, String user, String password) {
    try (Mm4Listener listener =
            Mm4Listener.builder()
                .account(user, password)
                .onResponse(responses::add)
                .onDeliveryReport(
                    r -> {
                      reports.add(r);
                      return Acknowledgement.ok();
                    })
                .start();
        Mm4Client client =
            Mm4Client.builder()
                .smtpHost("127.0.0.1")
                .smtpPort(mmsc.mm4Port())
                .originatorSystem("mms@demo-vasp.invalid")
                .mmscDomain("demo-vasp.invalid")
                .recipientDomain("mmsc.mock.invalid")
                .ackRequest(true)
                .responseTimeout(timeout)
                .build()) {
      URI listenerUri = URI.create("smtp://127.0.0.1:" + listener.port());
      mmsc.mm4AnswersTo(listenerUri);
      say.accept("");
      say.accept(
          "7. MM4: forwarding the MMS as an MM4_forward.REQ mail to the MMSC's SMTP port "
              + mmsc.mm4Port()
              + "; the application's MM4 listener is "
              + listenerUri
              + " ...");
      SubmitResult r = client.submit(message);
      Submission s = mmsc.takeSubmission(timeout);
      say.accept(
          "   The MMSC's SMTP server took a "
              + s.body().length
              + "-byte mail with "
              + s.message().map(x -> x.parts().size()).orElse(0)
              + " parts and answered "
              + r.statusCode()
              + " "
              + r.statusText());
      if (!r.messageId().equals(s.messageId())) {
        throw new DemoCommand.DemoFailure("the MMSC recorded message ID " + s.messageId());
      }

      Mm4Response res = poll(responses, "an MM4_forward.RES");
      say.accept(
          "   MM4 listener got the MMSC's "
              + res.type().token()
              + " for transaction "
              + res.transactionId()
              + ": "
              + res.requestStatus());
      if (!res.transactionId().equals(r.transactionId().orElse("")) || !res.isOk()) {
        throw new DemoCommand.DemoFailure(
            "unexpected answer: " + res.requestStatus() + " for " + res.transactionId());
      }

      VaspAnswer sent =
          mmsc.sendDeliveryReport(listenerUri, s, recipient, DeliveryStatus.RETRIEVED);
      if (!sent.isSuccess()) {
        throw new DemoCommand.DemoFailure(sent.describe());
      }
      DeliveryReport report = poll(reports, "an MM4 delivery report");
      say.accept(
          "   MM4 listener got an "
              + "MM4_delivery_report.REQ: message "
              + report.messageId()
              + " is "
              + report.status().mm7Name()
              + " for "
              + report.recipient().map(Address::value).orElse("?")
              + "; the listener answered SMTP "
              + sent.httpStatus());
      if (!report.messageId().equals(r.messageId())) {
        throw new DemoCommand.DemoFailure("a report came for " + report.messageId());
      }
    }
  }

  private <T> T poll(BlockingQueue<T> queue, String what) {
    try {
      T t = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (t == null) {
        throw new DemoCommand.DemoFailure("no " + what + " within " + timeout.toSeconds() + " s");
      }
      return t;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoCommand.DemoFailure("interrupted while waiting for " + what);
    }
  }
}
