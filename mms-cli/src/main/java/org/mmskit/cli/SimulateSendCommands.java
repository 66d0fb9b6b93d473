package org.mmskit.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.ReadStatus;
import org.mmskit.core.Transport;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.testkit.MockMmsc;
import org.mmskit.testkit.VaspAnswer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mmskit simulate deliver|report|read-reply}: the simulated MMSC sends one request to the
 * user's listener and prints its answer as a JSON line (kind vaspAnswer). Exit status: 0 accepted,
 * 1 refused (also logged at WARN), 2 bad options, 3 no answer.
 */
final class SimulateSendCommands {
  private SimulateSendCommands() {}

  static final int EXIT_REFUSED = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_NO_ANSWER = 3;

  enum Via {
    MM7,
    EAIF
  }

  /** Where and how to reach the user's listener. */
  static final class Target {
    @Option(
        names = "--listener",
        required = true,
        paramLabel = "URL",
        description = "your listener's URL; http://USER:PASSWORD@host/... sends those credentials")
    URI listener;

    @Option(
        names = "--via",
        defaultValue = "mm7",
        description = "transport: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    Via via;

    @Option(
        names = "--vasp-credentials",
        paramLabel = "USER:PASSWORD",
        description = "HTTP Basic credentials presented to your listener")
    String vaspCredentials;

    @Option(
        names = "--mm7-schema",
        paramLabel = "SCHEMA",
        description = "MM7 schema of the request, e.g. REL-5-MM7-1-2 (default REL-6-MM7-1-4)")
    String schema;

    Transport transport() {
      return via == Via.EAIF ? Transport.EAIF : Transport.MM7;
    }

    Mm7Version version() {
      if (schema == null) {
        return Mm7Version.DEFAULT;
      }
      for (Mm7Version v : Mm7Version.standardVersions()) {
        if (v.schema().equalsIgnoreCase(schema)) {
          return v;
        }
      }
      List<String> known = new ArrayList<>();
      Mm7Version.standardVersions().forEach(v -> known.add(v.schema()));
      throw new IllegalArgumentException(
          "unknown --mm7-schema " + schema + "; known: " + String.join(", ", known));
    }

    /** A started simulator that presents the credentials; closed by the caller. */
    MockMmsc start() {
      checkListenerUrl(listener, "--listener");
      MockMmsc.Builder b = MockMmsc.builder().deliverVersion(version());
      if (vaspCredentials != null) {
        String[] up = userPassword(vaspCredentials, "--vasp-credentials");
        b.vaspCredentials(up[0], up[1]);
      }
      return b.start();
    }
  }

  /** Runs one exchange and prints its outcome. */
  private abstract static class Send implements Callable<Integer> {
    @Mixin Target target;

    abstract VaspAnswer send(MockMmsc mmsc) throws IOException;

    @Override
    public Integer call() {
      PrintStream out = System.out;
      VaspAnswer a;
      try (MockMmsc mmsc = target.start()) {
        a = send(mmsc);
      } catch (IOException | IllegalArgumentException e) {
        out.println(Json.write(Map.of("error", Errors.describe(e))));
        return EXIT_USAGE;
      }
      out.println(Json.write(SimulateCommand.toJson(a)));
      out.flush();
      if (a.isSuccess()) {
        return 0;
      }
      return a.httpStatus() == 0 ? EXIT_NO_ANSWER : EXIT_REFUSED;
    }
  }

  @Command(
      name = "deliver",
      mixinStandardHelpOptions = true,
      description = {
        "Send a message from a subscriber to your listener (MM7 DeliverReq or EAIF m-send-req)"
            + " and print its answer as one JSON line.",
        "Exit status: 0 accepted, 1 refused, 2 bad options, 3 no answer."
      })
  static final class Deliver extends Send {
    @Option(names = "--from", required = true, description = "the subscriber who sends")
    String from;

    @Option(
        names = "--to",
        required = true,
        description = "recipient (your short code or number); repeatable")
    List<String> to = new ArrayList<>();

    @Option(names = "--subject", description = "subject")
    String subject;

    @Option(names = "--text", description = "a text/plain part")
    String text;

    @Option(
        names = "--file",
        paramLabel = "PATH[;type=TYPE]",
        description = "a part read from a file (type from the extension or as given); repeatable")
    List<String> files = new ArrayList<>();

    @Option(names = "--smil", description = "add a SMIL presentation showing the parts in order")
    boolean smil;

    @Override
    VaspAnswer send(MockMmsc mmsc) throws IOException {
      MmsMessage.Builder b = MmsMessage.builder().from(Address.parse(from));
      for (String t : to) {
        b.to(Address.parse(t));
      }
      if (subject != null) {
        b.subject(subject);
      }
      if (text != null) {
        b.addPart(MmsPart.text(text));
      }
      for (String f : files) {
        b.addPart(FileSpec.parse(f).part());
      }
      if (text == null && files.isEmpty()) {
        throw new IllegalArgumentException("give the message a --text or a --file");
      }
      b.generateSmil(smil);
      return mmsc.deliver(target.listener, target.transport(), b.build());
    }
  }

  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description = {
        "Send a delivery report to your listener (MM7 DeliveryReportReq or EAIF m-delivery-ind)"
            + " and print its answer as one JSON line.",
        "Exit status: 0 accepted, 1 refused, 2 bad options, 3 no answer."
      })
  static final class Report extends Send {
    @Option(
        names = "--message-id",
        required = true,
        description = "the ID the MMSC gave the message")
    String messageId;

    @Option(names = "--recipient", required = true, description = "who the report is about")
    String recipient;

    @Option(names = "--sender", description = "the message's original sender (required over MM7)")
    String sender;

    @Option(
        names = "--status",
        defaultValue = "Retrieved",
        description =
            "Expired, Retrieved, Rejected, Deferred, Unrecognised, Indeterminate, Forwarded,"
                + " Unreachable, DeliveryConditionNotMet (default ${DEFAULT-VALUE})")
    String status;

    @Override
    VaspAnswer send(MockMmsc mmsc) {
      DeliveryStatus s = DeliveryStatus.fromText(status);
      if (s == DeliveryStatus.OTHER) {
        List<String> valid = new ArrayList<>();
        for (DeliveryStatus d : DeliveryStatus.values()) {
          if (d != DeliveryStatus.OTHER) {
            valid.add(d.mm7Name());
          }
        }
        throw new IllegalArgumentException(
            "unknown --status " + status + "; valid: " + String.join(", ", valid));
      }
      if (target.transport() == Transport.MM7 && sender == null) {
        throw new IllegalArgumentException(
            "a delivery report over MM7 needs --sender (the message's original sender)");
      }
      return mmsc.sendDeliveryReport(
          target.listener,
          target.transport(),
          target.version(),
          messageId,
          Address.parse(recipient),
          sender == null ? null : Address.parse(sender),
          s);
    }
  }

  @Command(
      name = "read-reply",
      mixinStandardHelpOptions = true,
      description = {
        "Send a read reply to your listener (MM7 ReadReplyReq or EAIF m-read-orig-ind) and print"
            + " its answer as one JSON line.",
        "Exit status: 0 accepted, 1 refused, 2 bad options, 3 no answer."
      })
  static final class ReadReply extends Send {
    @Option(
        names = "--message-id",
        required = true,
        description = "the ID the MMSC gave the message")
    String messageId;

    @Option(names = "--reader", required = true, description = "the recipient who read it")
    String reader;

    @Option(names = "--sender", description = "the message's original sender (required over EAIF)")
    String sender;

    @Option(
        names = "--status",
        defaultValue = "Read",
        description = "Read, Deleted or Indeterminate (default ${DEFAULT-VALUE})")
    String status;

    @Override
    VaspAnswer send(MockMmsc mmsc) {
      ReadStatus s =
          Arrays.stream(ReadStatus.values())
              .filter(r -> r.mm7Name().equalsIgnoreCase(status.trim()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown --status " + status + "; valid: Read, Deleted, Indeterminate"));
      if (target.transport() == Transport.EAIF && sender == null) {
        throw new IllegalArgumentException("a read reply over EAIF needs --sender");
      }
      return mmsc.sendReadReply(
          target.listener,
          target.transport(),
          target.version(),
          messageId,
          Address.parse(reader),
          sender == null ? null : Address.parse(sender),
          s);
    }
  }

  /** Splits {@code USER:PASSWORD}. */
  static String[] userPassword(String value, String option) {
    int colon = value.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(option + " wants USER:PASSWORD");
    }
    return new String[] {value.substring(0, colon), value.substring(colon + 1)};
  }

  /** Refuses what the simulator cannot post to, naming the option. */
  static void checkListenerUrl(URI url, String option) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new IllegalArgumentException(
          option + " " + Secrets.maskUrl(url) + ": not an http:// or https:// URL with a host");
    }
    if (url.getRawUserInfo() != null) {
      Secrets.userInfo(url);
    }
  }
}
