package org.mmskit.cli;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.mmskit.core.MmsListener;
import org.mmskit.mm4.Mm4Client;
import org.mmskit.mm4.Mm4InboundDetail;
import org.mmskit.mm4.Mm4Listener;
import org.mmskit.mm4.Mm4MessageType;
import org.mmskit.mm4.Mm4Response;
import picocli.CommandLine.Option;

/**
 * The {@code mmskit listen --mm4} options and the listener they start: an SMTP server taking MM4
 * mails, and the relay its {@code .RES} answers go through.
 */
final class Mm4ListenOptions {
  @Option(
      names = "--smtp-user",
      paramLabel = "NAME:PASSWORD",
      description = "MM4: require SMTP AUTH with this account; repeatable")
  List<String> smtpUsers = new ArrayList<>();

  @Option(
      names = "--relay-host",
      paramLabel = "HOST",
      description =
          "MM4: the SMTP server the .RES answers are sent through (without it, requests"
              + " asking for an answer are taken but not answered)")
  String relayHost;

  @Option(
      names = "--relay-port",
      paramLabel = "PORT",
      defaultValue = "25",
      description = "MM4: its port (default ${DEFAULT-VALUE})")
  int relayPort;

  @Option(
      names = "--originator-system",
      paramLabel = "ADDRESS",
      defaultValue = "mms@localhost",
      description = "MM4: the sender of our .RES answers (default ${DEFAULT-VALUE})")
  String originatorSystem;

  /** True when an MM4-only option was given. */
  boolean anyGiven() {
    return !smtpUsers.isEmpty() || relayHost != null;
  }

  /**
   * Starts the listener.
   *
   * @param accounts the command's {@code --account} entries, accepted as SMTP AUTH accounts too
   * @param emit prints a line (the {@code .RES} lines, which the printer's callbacks do not see)
   * @throws IllegalArgumentException naming the option that is wrong
   */
  Mm4Listener start(
      InetAddress bind,
      int port,
      List<String[]> accounts,
      List<String> allowIps,
      long maxRequestSize,
      MmsListener printer,
      Consumer<Map<String, Object>> emit) {
    Mm4Listener.Builder b =
        Mm4Listener.builder()
            .bindAddress(bind)
            .port(port)
            .maxRequestSize(Math.min(maxRequestSize, Integer.MAX_VALUE))
            .listener(printer)
            .onResponse(r -> emit.accept(responseLine(r)));
    for (String[] a : accounts) {
      b.account(a[0], a[1]);
    }
    for (String u : smtpUsers) {
      int colon = u.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("--smtp-user wants NAME:PASSWORD, got " + u);
      }
      b.account(u.substring(0, colon), u.substring(colon + 1));
    }
    allowIps.forEach(b::allowFrom);
    if (relayHost != null) {
      int at = originatorSystem.lastIndexOf('@');
      if (at <= 0 || at == originatorSystem.length() - 1) {
        throw new IllegalArgumentException(
            "--originator-system wants an address with a domain, got " + originatorSystem);
      }
      String domain = originatorSystem.substring(at + 1);
      b.replyVia(
          Mm4Client.builder()
              .smtpHost(relayHost)
              .smtpPort(relayPort)
              .originatorSystem(originatorSystem)
              .mmscDomain(domain)
              .recipientDomain(domain)
              .build());
    }
    return b.start();
  }

  /**
   * A {@code .RES} as a line: {@code forwardResponse}, {@code deliveryReportResponse} or {@code
   * readReplyResponse}, with the request status in {@code status}.
   */
  static Map<String, Object> responseLine(Mm4Response r) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("kind", kind(r.type()));
    line.put("transport", "MM4");
    line.put("transactionId", r.transactionId());
    line.put("mmsVersion", r.context().protocolVersion().orElse(null));
    line.put("account", r.context().account().orElse(null));
    line.put(
        "remoteAddress", r.context().remoteAddress().map(InetAddress::getHostAddress).orElse(null));
    line.put("messageId", r.messageId().orElse(null));
    line.put(
        "from",
        r.context().detail(Mm4InboundDetail.class).flatMap(Mm4InboundDetail::sender).orElse(null));
    line.put("status", r.requestStatus());
    line.put("statusText", r.statusText().orElse(null));
    return line;
  }

  private static String kind(Mm4MessageType type) {
    switch (type) {
      case DELIVERY_REPORT_RES:
        return "deliveryReportResponse";
      case READ_REPLY_REPORT_RES:
        return "readReplyResponse";
      default:
        return "forwardResponse";
    }
  }
}
