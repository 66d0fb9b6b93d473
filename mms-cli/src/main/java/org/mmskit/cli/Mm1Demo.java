package org.mmskit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.Address;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.SubmitResult;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.mm1.Modem;
import org.mmskit.mm1.ModemInfo;
import org.mmskit.mm1.ModemListener;
import org.mmskit.mm1.ModemMmsClient;
import org.mmskit.testkit.mm1.MockMm1Mmsc;
import org.mmskit.testkit.mm1.ModemSimulator;
import org.mmskit.testkit.mm1.PtyPair;

/**
 * The MM1 part of {@code mmskit demo}: a modem simulator on a socat pty pair, the MM1 side of the
 * mock MMSC, a send over a data link and a message received from a WAP Push SMS.
 */
final class Mm1Demo {
  private final Consumer<String> say;
  private final Duration timeout;

  Mm1Demo(Consumer<String> say, Duration timeout) {
    this.say = say;
    this.timeout = timeout;
  }

  /** Runs the steps from number {@code n}; false when socat is missing and MM1 was skipped. */
  boolean run(int n) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("mmskit-demo-mm1");
    PtyPair pty;
    try {
      pty = PtyPair.start(dir);
    } catch (IOException e) {
      say.accept("");
      say.accept(n + ". MM1 skipped: " + e.getMessage() + " (apt-get install socat)");
      return false;
    }
    BlockingQueue<IncomingMessage> in = new LinkedBlockingQueue<>();
    try (pty;
        MockMm1Mmsc mmsc = MockMm1Mmsc.start();
        ModemSimulator sim = ModemSimulator.attach(pty.modemPort());
        Modem modem = Modem.builder().serialPort(pty.appPort()).open()) {
      ModemInfo info = modem.info();
      say.accept("");
      say.accept(
          n
              + ". MM1: a simulated modem on the pseudo-terminal "
              + pty.appPort()
              + " (socat pair); it says "
              + info.manufacturer()
              + " "
              + info.model()
              + ", SIM "
              + info.simState()
              + ", network "
              + info.registration()
              + " ("
              + info.operator()
              + "), signal "
              + info.signal().orElse(-1)
              + "/31.");
      MmsMessage message =
          MmsMessage.builder()
              .to(Address.phone("+15557654321"))
              .subject("Hello over MM1")
              .addPart(MmsPart.text("Sent the way a phone sends it."))
              .build();
      try (ModemMmsClient client =
          ModemMmsClient.builder()
              .mmscUrl(mmsc.mmscUri())
              .proxy(mmsc.proxyUri())
              .userAgent("MMSKit-demo")
              .responseTimeout(timeout)
              .build()) {
        SubmitResult r = client.submit(message);
        say.accept(
            "   Sent an m-send-req through the WAP proxy "
                + mmsc.proxyUri()
                + " to the MMSC "
                + mmsc.mmscUri()
                + ": accepted as "
                + r.messageId());
      }
      ModemListener listener =
          ModemListener.builder()
              .modem(modem)
              .onMessage(
                  m -> {
                    in.add(m);
                    return Acknowledgement.ok();
                  })
              .mmscUrl(mmsc.mmscUri())
              .responseTimeout(timeout)
              .start();
      try {
        MmsMessage mo =
            MmsMessage.builder()
                .from(Address.phone("+15551234567"))
                .to(Address.phone("+15557654321"))
                .subject("A photo of the harbour at sunset, from the lighthouse on the hill")
                .addPart(MmsPart.text("Sent from a phone."))
                .build();
        MockMm1Mmsc.Push push = mmsc.notify(mo);
        sim.deliver(push.sms());
        say.accept(
            "   The MMSC sent a notification as "
                + push.sms().size()
                + " WAP Push SMS; the modem announced them with +CMTI.");
        IncomingMessage got = in.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (got == null) {
          throw new DemoCommand.DemoFailure("no message came from the MM1 listener");
        }
        say.accept(
            "   The listener put the segments together, fetched "
                + push.contentLocation()
                + " and handed over \""
                + got.message().subject().orElse("")
                + "\" from "
                + got.message().from().map(Address::value).orElse("?"));
        listener.close(); // lets the look that handed the message over finish
        if (mmsc.notifications().isEmpty() || !sim.stored().isEmpty()) {
          throw new DemoCommand.DemoFailure("the MMSC was not told, or the SMS not deleted");
        }
        MmsPdu told = mmsc.notifications().get(0);
        say.accept(
            "   Only then it told the MMSC ("
                + told.type().specName()
                + ", status Retrieved) and deleted the SMS from the SIM.");
      } finally {
        listener.close();
      }
    }
    return true;
  }
}
