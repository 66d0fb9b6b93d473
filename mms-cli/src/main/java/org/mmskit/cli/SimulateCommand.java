package org.mmskit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.testkit.MmscReply;
import org.mmskit.testkit.MockMmsc;
import org.mmskit.testkit.Submission;
import org.mmskit.testkit.VaspAnswer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mmskit simulate}: runs {@link MockMmsc} standalone and prints one JSON line per request it
 * receives.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Run a mock MMSC (MM7 on /mm7, EAIF on /eaif) until interrupted and print one JSON line per"
          + " request (kind submission), and one per answer of the listener to a report (kind"
          + " vaspAnswer; a refusal is also logged at WARN on standard error).",
      "Submits are answered with success and a fresh message ID, or with the --reply answers in"
          + " order. With --deliver-reports-to, a delivery report (Retrieved) follows every"
          + " submit that asked for one.",
      "The endpoint URLs are printed as a JSON line on standard error.",
      "The subcommands make the MMSC send to your listener: a message (deliver), a delivery"
          + " report (report) or a read reply (read-reply)."
    },
    subcommands = {
      SimulateSendCommands.Deliver.class,
      SimulateSendCommands.Report.class,
      SimulateSendCommands.ReadReply.class
    })
final class SimulateCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      defaultValue = "0",
      description = "TCP port (0, the default, picks a free one)")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "local address to listen on (default ${DEFAULT-VALUE})")
  String bind;

  @Option(
      names = "--deliver-reports-to",
      paramLabel = "URL",
      description =
          "post delivery reports to this listener URL (MM7 or EAIF, as submitted);"
              + " http://USER:PASSWORD@host/... sends those credentials")
  URI reportsTo;

  @Option(
      names = "--vasp-credentials",
      paramLabel = "USER:PASSWORD",
      description = "HTTP Basic credentials the simulator presents to your listener")
  String vaspCredentials;

  @Option(
      names = "--reply",
      paramLabel = "ANSWER",
      description = {
        "answer the next request so, in order; repeatable. ANSWER is an MM7 status code"
            + " (4006, or 4006:Text), fault:CODE for a SOAP fault, http:STATUS for a bare HTTP"
            + " status, drop to cut the connection, ok for success"
      })
  List<String> replies = new ArrayList<>();

  @Option(
      names = "--max-text",
      defaultValue = "1000",
      paramLabel = "CHARS",
      description =
          "show at most this many characters of each text part (default ${DEFAULT-VALUE})")
  int maxText;

  @Option(
      names = "--report-delay-ms",
      defaultValue = "1000",
      paramLabel = "MS",
      description = "delay before each delivery report (default ${DEFAULT-VALUE} ms)")
  long reportDelayMs;

  @Option(
      names = "--account",
      paramLabel = "NAME:PASSWORD",
      description = "require these Basic credentials from clients")
  String account;

  @Option(
      names = "--count",
      defaultValue = "0",
      paramLabel = "N",
      description = "exit after N requests (default 0: run until interrupted)")
  long count;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (reportDelayMs < 0) {
      err.println(Json.write(Map.of("error", "--report-delay-ms must not be negative")));
      return 2;
    }
    // Without --count the latch is never released: the simulator runs until interrupted.
    CountDownLatch done = new CountDownLatch(count > 0 ? (int) Math.min(count, 1 << 30) : 1);
    List<MmscReply> script;
    try {
      script = ReplySpec.parseAll(replies);
    } catch (IllegalArgumentException e) {
      err.println(Json.write(Map.of("error", e.getMessage())));
      return 2;
    }
    MockMmsc.Builder b =
        MockMmsc.builder()
            .bindAddress(bind)
            .port(port)
            .onSubmission(
                s -> {
                  String line = Json.write(toJson(s, maxText));
                  synchronized (out) {
                    out.println(line);
                    out.flush();
                  }
                  if (count > 0) {
                    done.countDown();
                  }
                })
            .onVaspAnswer(
                a -> {
                  String line = Json.write(toJson(a));
                  synchronized (out) {
                    out.println(line);
                    out.flush();
                  }
                });
    try {
      if (account != null) {
        int colon = account.indexOf(':');
        if (colon <= 0) {
          err.println(Json.write(Map.of("error", "--account wants NAME:PASSWORD")));
          return 2;
        }
        b.account(account.substring(0, colon), account.substring(colon + 1));
      }
      if (vaspCredentials != null) {
        String[] up = SimulateSendCommands.userPassword(vaspCredentials, "--vasp-credentials");
        b.vaspCredentials(up[0], up[1]);
      }
      if (reportsTo != null) {
        SimulateSendCommands.checkListenerUrl(reportsTo, "--deliver-reports-to");
      }
      try (MockMmsc mmsc = b.start()) {
        mmsc.enqueue(script.toArray(new MmscReply[0]));
        if (reportsTo != null) {
          mmsc.autoDeliveryReports(reportsTo, Duration.ofMillis(reportDelayMs));
        }
        Thread hook = new Thread(mmsc::close, "mmskit-simulate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("mm7", mmsc.mm7Uri().toString());
        ready.put("eaif", mmsc.eaifUri().toString());
        ready.put("port", (long) mmsc.port());
        if (reportsTo != null) {
          ready.put("deliverReportsTo", Secrets.maskUrl(reportsTo));
        }
        err.println(Json.write(ready));
        err.flush();
        try {
          done.await();
        } catch (InterruptedException stop) {
          // Interrupted: stop serving, as on Ctrl-C.
          Thread.currentThread().interrupt();
        } finally {
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException shuttingDown) {
            // the hook is running: the JVM is exiting anyway
          }
        }
      }
    } catch (IllegalArgumentException e) {
      err.println(Json.write(Map.of("error", Errors.describe(e))));
      return 2;
    } catch (java.io.UncheckedIOException e) {
      err.println(
          Json.write(
              Map.of(
                  "error", "cannot listen on " + bind + ":" + port + ": " + Errors.describe(e))));
      return 1;
    }
    return 0;
  }

  /** The JSON line for one request. */
  static Map<String, Object> toJson(Submission s, int maxText) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("kind", "submission");
    line.put("transport", s.transport().name());
    line.put("operation", s.operation().name());
    line.put("messageId", s.messageId());
    line.put("transactionId", s.transactionId().orElse(null));
    s.mm7Version()
        .ifPresent(
            v -> {
              line.put("mm7Version", v.mm7Version());
              line.put("namespace", v.namespace());
            });
    line.put("vaspId", s.vaspId().orElse(null));
    line.put("vasId", s.vasId().orElse(null));
    line.put("account", s.account().orElse(null));
    s.message()
        .ifPresent(
            m -> {
              line.put("from", m.from().map(Address::toString).orElse(null));
              line.put("to", addresses(m.recipients()));
              line.put("subject", m.subject().orElse(null));
              line.put("deliveryReport", m.deliveryReport());
              line.put("parts", parts(m, maxText));
            });
    line.put("bytes", (long) s.body().length);
    line.put(
        "reply",
        s.reply().kind().name() + (s.reply().statusCode() > 0 ? " " + s.reply().statusCode() : ""));
    line.put("receivedAt", s.receivedAt().toString());
    return line;
  }

  /** The JSON line for the listener's answer to something the mock sent it. */
  static Map<String, Object> toJson(VaspAnswer a) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("kind", "vaspAnswer");
    line.put("transport", a.transport().name());
    line.put("request", a.request());
    line.put("messageId", a.messageId());
    line.put("success", a.isSuccess());
    line.put("httpStatus", (long) a.httpStatus());
    if (a.statusCode().isPresent()) {
      line.put("statusCode", (long) a.statusCode().getAsInt());
    }
    line.put("statusText", a.statusText().isEmpty() ? null : a.statusText());
    line.put("error", a.error().orElse(null));
    if (!a.isSuccess()) {
      line.put("refused", a.describe());
    }
    return line;
  }

  private static List<Object> addresses(List<Address> list) {
    List<Object> out = new ArrayList<>();
    for (Address a : list) {
      out.add(a.toString());
    }
    return out;
  }

  private static List<Object> parts(MmsMessage m, int maxText) {
    List<Object> out = new ArrayList<>();
    for (MmsPart p : m.allParts()) {
      try {
        out.add(PartJson.of(p, maxText <= 0 ? PartJson.NO_TEXT : maxText));
      } catch (IOException e) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("contentType", p.contentType().mediaType());
        j.put("error", "could not read the part: " + Errors.describe(e));
        out.add(j);
      }
    }
    return out;
  }
}
