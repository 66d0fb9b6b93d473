package org.mmskit.cli;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsClient;
import org.mmskit.core.MmsException;
import org.mmskit.core.MmsListener;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.SubmitResult;
import org.mmskit.core.Transport;
import org.mmskit.eaif.EaifClient;
import org.mmskit.eaif.EaifListener;
import org.mmskit.mm7.Mm7Client;
import org.mmskit.mm7.Mm7Listener;
import org.mmskit.testkit.MmscReply;
import org.mmskit.testkit.MockMmsc;
import org.mmskit.testkit.Submission;
import org.mmskit.testkit.VaspAnswer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mmskit demo}: the whole flow on one machine. Starts a mock MMSC and the application's
 * listeners on ephemeral loopback ports, submits a text-and-image MMS over MM7 and over EAIF, waits
 * for the delivery reports, has the MMSC deliver a message from a subscriber, forwards the MMS over
 * MM4 and waits for the MMSC's answer and report, and tells each step. Exits 0 when every step
 * worked, 1 otherwise.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole flow locally: a mock MMSC, an MM7 and an EAIF listener, two submits with"
          + " delivery reports and one incoming message, then an MM4 round trip (forward,"
          + " MM4_forward.RES, delivery report). Needs no operator account.",
      "Exits 0 when every step worked, 1 with the failing step otherwise."
    })
final class DemoCommand implements Callable<Integer> {
  private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
  private static final String LISTENER_USER = "mmsc";
  private static final String LISTENER_PASSWORD = "demo-secret";
  private static final Address SHORT_CODE = Address.shortCode("12345");
  private static final Address SUBSCRIBER = Address.phone("+15551234567");

  @Option(
      names = "--timeout",
      defaultValue = "PT20S",
      paramLabel = "DURATION",
      description =
          "how long to wait for each answer and report (ISO-8601, default ${DEFAULT-VALUE})")
  Duration timeout;

  @Option(
      names = "--mmsc-refuses",
      description =
          "script the mock MMSC to refuse the MM7 submit (4006 Service unavailable), to see how"
              + " a failure is reported")
  boolean mmscRefuses;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final BlockingQueue<DeliveryReport> reports = new LinkedBlockingQueue<>();
  private final BlockingQueue<IncomingMessage> incoming = new LinkedBlockingQueue<>();
  private PrintWriter out;
  private String step = "start";

  @Override
  public Integer call() {
    // The account below is the demo's output; keep the components' INFO logs out of it unless
    // the user asked for a log level.
    if (System.getProperty(LOG_LEVEL) == null) {
      System.setProperty(LOG_LEVEL, "warn");
    }
    out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (timeout.isNegative() || timeout.isZero()) {
      err.println("demo: --timeout must be positive");
      return 2;
    }
    try {
      run();
      say("");
      say("Demo finished: every step worked.");
      return 0;
    } catch (DemoFailure e) {
      out.flush();
      err.println("demo FAILED at step '" + step + "': " + e.getMessage());
      return 1;
    } catch (MmsException | IllegalArgumentException | IllegalStateException e) {
      out.flush();
      err.println(
          "demo FAILED at step '"
              + step
              + "': "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage());
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private void run() {
    MmsListener app =
        new MmsListener() {
          @Override
          public Acknowledgement onMessage(IncomingMessage message) {
            incoming.add(message);
            return Acknowledgement.ok();
          }

          @Override
          public Acknowledgement onDeliveryReport(DeliveryReport report) {
            reports.add(report);
            return Acknowledgement.ok();
          }
        };
    step = "start the mock MMSC and the listeners";
    try (MockMmsc mmsc =
            MockMmsc.builder()
                .vaspCredentials(LISTENER_USER, LISTENER_PASSWORD)
                .vaspTimeout(timeout)
                .start();
        Mm7Listener mm7Listener =
            Mm7Listener.builder().account(LISTENER_USER, LISTENER_PASSWORD).listener(app).start();
        EaifListener eaifListener =
            EaifListener.builder(app).account(LISTENER_USER, LISTENER_PASSWORD).start()) {
      if (mmscRefuses) {
        mmsc.enqueue(MmscReply.status(4006, "Service unavailable"));
      }
      mmsc.autoDeliveryReports(Transport.MM7, mm7Listener.uri(), Duration.ofMillis(300))
          .autoDeliveryReports(Transport.EAIF, eaifListener.uri(), Duration.ofMillis(300));
      say("1. Started a mock MMSC (MMSKit's test kit) on loopback:");
      say("     MM7 endpoint   " + mmsc.mm7Uri());
      say("     EAIF endpoint  " + mmsc.eaifUri());
      say("   and the application's listeners, which the MMSC reaches with Basic auth:");
      say("     MM7 listener   " + mm7Listener.uri());
      say("     EAIF listener  " + eaifListener.uri());

      step = "draw the image";
      byte[] png = png();
      MmsMessage message =
          MmsMessage.builder()
              .from(SHORT_CODE)
              .to(SUBSCRIBER)
              .subject("Hello from MMSKit")
              .addPart(MmsPart.text("This MMS was sent by the MMSKit demo."))
              .addPart(MmsPart.of("image/png", png).toBuilder().fileName("demo.png").build())
              .deliveryReport(true)
              .build();
      say("");
      say(
          "2. Built an MMS from "
              + SHORT_CODE.value()
              + " to "
              + SUBSCRIBER.value()
              + ": subject \"Hello from MMSKit\", a text part and a "
              + png.length
              + "-byte PNG drawn with javax.imageio; delivery report requested.");

      step = "submit over MM7";
      String mm7Id;
      try (Mm7Client client =
          Mm7Client.builder()
              .endpoint(mmsc.mm7Uri())
              .vaspId("demo-vasp")
              .vasId("demo-service")
              .responseTimeout(timeout)
              .build()) {
        mm7Id = submit("3", "MM7", client, message, mmsc);
      }

      step = "submit over EAIF";
      String eaifId;
      try (EaifClient client =
          EaifClient.builder().endpoint(mmsc.eaifUri()).responseTimeout(timeout).build()) {
        eaifId = submit("4", "EAIF", client, message, mmsc);
      }

      step = "wait for the delivery reports";
      say("");
      say("5. Waiting for the delivery reports the MMSC sends to the listeners...");
      List<String> wanted = new ArrayList<>(List.of(mm7Id, eaifId));
      while (!wanted.isEmpty()) {
        DeliveryReport r = poll(reports, "a delivery report for " + wanted);
        if (!wanted.remove(r.messageId())) {
          throw new DemoFailure("a report came for an unknown message ID " + r.messageId());
        }
        say(
            "   "
                + r.context().transport()
                + " listener got a delivery report: message "
                + r.messageId()
                + " is "
                + r.status().mm7Name()
                + (r.rawStatus().equalsIgnoreCase(r.status().mm7Name())
                    ? ""
                    : " (" + r.rawStatus() + " on the wire)")
                + " for "
                + r.recipient().map(Address::value).orElse("?")
                + (r.status().isDelivered() ? " (delivered)" : " (NOT delivered)"));
        if (!r.status().isDelivered()) {
          throw new DemoFailure(
              "message " + r.messageId() + " was not delivered: " + r.rawStatus());
        }
      }

      step = "deliver a message from a subscriber";
      MmsMessage mo =
          MmsMessage.builder()
              .from(SUBSCRIBER)
              .to(SHORT_CODE)
              .subject("Re: Hello")
              .addPart(MmsPart.text("Thanks, got it!"))
              .build();
      say("");
      say("6. The MMSC delivers a reply from " + SUBSCRIBER.value() + " over MM7 (DeliverReq)...");
      VaspAnswer answer = mmsc.deliver(mm7Listener.uri(), Transport.MM7, mo);
      if (!answer.isSuccess()) {
        throw new DemoFailure("the listener did not accept the DeliverReq: " + answer);
      }
      IncomingMessage in = poll(incoming, "the delivered message");
      say(
          "   MM7 listener got \""
              + in.message().subject().orElse("")
              + "\" from "
              + in.message().from().map(Address::value).orElse("?")
              + " with "
              + in.message().parts().size()
              + " part(s); it answered "
              + answer.statusCode().orElse(answer.httpStatus())
              + " "
              + answer.statusText());

      step = "MM4 round trip";
      new DemoMm4(this::say, timeout)
          .run(mmsc, message, SUBSCRIBER, LISTENER_USER, LISTENER_PASSWORD);
      step = "MM1 through a simulated modem";
      try {
        new Mm1Demo(this::say, timeout).run(8);
      } catch (java.io.IOException e) {
        throw new DemoFailure(e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DemoFailure("interrupted");
      }
      step = "stop";
    }
  }

  private String submit(String n, String name, MmsClient client, MmsMessage m, MockMmsc mmsc) {
    say("");
    say(n + ". Submitting over " + name + " to " + endpoint(name, mmsc) + " ...");
    SubmitResult r = client.submit(m);
    Submission s = mmsc.takeSubmission(timeout);
    say(
        "   The MMSC received "
            + (s.transport() == Transport.MM7
                ? "an MM7 SubmitReq ("
                    + s.mm7Version()
                        .map(v -> v.schema() + ", MM7Version " + v.mm7Version())
                        .orElse("?")
                    + ")"
                : "an EAIF m-send-req PDU")
            + " of "
            + s.body().length
            + " bytes with "
            + s.message().map(x -> x.parts().size()).orElse(0)
            + " parts.");
    say(
        "   It answered: status "
            + r.statusCode()
            + (r.statusText().isEmpty() ? "" : " " + r.statusText())
            + ", message ID "
            + r.messageId());
    if (r.messageId().isEmpty() || !r.messageId().equals(s.messageId())) {
      throw new DemoFailure("the client got message ID '" + r.messageId() + "'");
    }
    return r.messageId();
  }

  private static String endpoint(String name, MockMmsc mmsc) {
    return name.equals("MM7") ? mmsc.mm7Uri().toString() : mmsc.eaifUri().toString();
  }

  private <T> T poll(BlockingQueue<T> queue, String what) {
    try {
      T t = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (t == null) {
        throw new DemoFailure("no " + what + " within " + timeout.toSeconds() + " s");
      }
      return t;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoFailure("interrupted while waiting for " + what);
    }
  }

  private void say(String line) {
    out.println(line);
    out.flush();
  }

  /** A small PNG: a gradient with a few circles, drawn without fonts so it works headless. */
  static byte[] png() {
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = new BufferedImage(160, 90, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setPaint(new GradientPaint(0, 0, new Color(0x1E88E5), 160, 90, new Color(0x43A047)));
      g.fillRect(0, 0, 160, 90);
      g.setColor(Color.WHITE);
      for (int i = 0; i < 4; i++) {
        g.fillOval(12 + i * 36, 30, 28, 28);
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, "png", bytes)) {
        throw new DemoFailure("no PNG writer in this JDK");
      }
    } catch (IOException e) {
      throw new DemoFailure("could not encode the PNG: " + e.getMessage());
    }
    return bytes.toByteArray();
  }

  /** A step that did not work; its message is shown to the user. */
  static final class DemoFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DemoFailure(String message) {
      super(message);
    }
  }
}
