package org.mmskit.examples;

import java.util.concurrent.CountDownLatch;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsListener;
import org.mmskit.core.ReadReply;
import org.mmskit.eaif.EaifHandler;
import org.mmskit.mm7.Mm7Listener;
import org.mmskit.server.MmsServer;

/**
 * Receives messages, delivery reports and read replies from an operator's MMSC: MM7 on {@code /mm7}
 * and EAIF on {@code /eaif} of one port, with an account and an IP allow-list. Runs until
 * interrupted. Arguments: {@code [port] [mmsc-ip-or-cidr]} (defaults 8080 and 127.0.0.1).
 */
public final class ReceiveExample {
  private ReceiveExample() {}

  /** What the application does with what the MMSC posts. */
  static final class Application implements MmsListener {
    @Override
    public Acknowledgement onMessage(IncomingMessage in) {
      System.out.println(
          "Message from "
              + in.message().from().map(Object::toString).orElse("?")
              + ": "
              + in.message().subject().orElse("(no subject)"));
      return Acknowledgement.ok();
    }

    @Override
    public Acknowledgement onDeliveryReport(DeliveryReport r) {
      System.out.println("Report for " + r.messageId() + ": " + r.status());
      return Acknowledgement.ok();
    }

    @Override
    public Acknowledgement onReadReply(ReadReply r) {
      System.out.println("Read reply for " + r.messageId() + ": " + r.status());
      return Acknowledgement.ok();
    }
  }

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    String mmscAddress = args.length > 1 ? args[1] : "127.0.0.1";
    String password = OperatorConfig.get("MMSKIT_LISTENER_PASSWORD", "change-me");
    Application app = new Application();
    // MM7 and EAIF side by side on one server; the MMSC must log in and come from its address.
    Mm7Listener.Builder mm7 =
        Mm7Listener.builder().listener(app).account("mmsc", password, mmscAddress);
    MmsServer server =
        MmsServer.builder()
            .bindAddress("0.0.0.0")
            .port(port)
            .route(mm7.route())
            .route(
                EaifHandler.route("/eaif", app)
                    .account("mmsc", password)
                    .allowFrom(mmscAddress)
                    .build())
            .build()
            .start();
    System.out.println("Give the operator these URLs (with account mmsc):");
    System.out.println("  MM7:  http://<your-public-address>:" + server.port() + "/mm7");
    System.out.println("  EAIF: http://<your-public-address>:" + server.port() + "/eaif");
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.countDown()));
    try {
      stop.await();
    } finally {
      server.close();
    }
  }
}
