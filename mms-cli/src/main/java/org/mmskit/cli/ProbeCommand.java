package org.mmskit.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mmskit.core.Address;
import org.mmskit.mm7.Mm7Probe;
import org.mmskit.mm7.Mm7ProbeResult;
import org.mmskit.mm7.Mm7ProbeResult.Attempt;
import org.mmskit.mm7.Mm7ProbeResult.Step;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mmskit probe}: finds the MM7 settings an operator's MMSC accepts (see {@link Mm7Probe})
 * and prints a table a person reads, or JSON lines.
 *
 * <p>Exit status: 0 a format was understood, 1 the MMSC answered but understood none (or refused
 * the identification), 2 bad options, 3 the MMSC could not be reached or did not answer.
 */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = {
      "Find the MM7 settings an MMSC accepts: checks name, TCP, TLS and HTTP, then sends requests"
          + " that cannot deliver anything (a CancelReq for a message ID that does not exist) in"
          + " the plausible MM7 versions and dialects, most common first, and reads the answers.",
      "Prints the evidence, a verdict with what to ask the operator, and the settings as"
          + " 'mmskit send' options and Mm7Client.builder() lines."
    },
    footer = {
      "Exit status: 0 a format was understood, 1 none was (see the verdict), 2 bad options,",
      "3 the MMSC could not be reached or did not answer."
    })
final class ProbeCommand implements Callable<Integer> {
  static final int EXIT_NOT_UNDERSTOOD = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_UNREACHABLE = 3;

  @Option(names = "--url", required = true, description = "the MMSC's MM7 URL")
  URI url;

  @Option(names = "--vasp-id", description = "MM7 VASPID")
  String vaspId;

  @Option(names = "--vas-id", description = "MM7 VASID")
  String vasId;

  @Option(names = "--service-code", description = "MM7 ServiceCode")
  String serviceCode;

  @Option(names = "--user", description = "HTTP Basic user")
  String user;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "read the HTTP Basic password from the first line of FILE (or set MMSKIT_PASSWORD)")
  Path passwordFile;

  @Option(names = "--from", paramLabel = "SHORTCODE", description = "the sender (short code)")
  String from;

  @Option(
      names = "--send-test-to",
      paramLabel = "NUMBER",
      description = "submit one short text message to NUMBER with the format found (needs --from)")
  String sendTestTo;

  @Option(
      names = "--trace-dir",
      paramLabel = "DIR",
      description = "write each exchange to a file in DIR, the login masked")
  Path traceDir;

  @Option(names = "--json", description = "print JSON lines instead of a table")
  boolean json;

  @Option(
      names = "--max-requests",
      defaultValue = "12",
      description = "the most requests to send (default ${DEFAULT-VALUE})")
  int maxRequests;

  @Option(
      names = "--spacing",
      paramLabel = "DURATION",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "the pause between two requests (default ${DEFAULT-VALUE})")
  Duration spacing;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "20s",
      converter = DurationConverter.class,
      description = "how long to wait to connect and for each answer (default ${DEFAULT-VALUE})")
  Duration timeout;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    Mm7Probe probe;
    try {
      probe = probe();
    } catch (IllegalArgumentException | IOException e) {
      out.println(Json.write(Map.of("error", Errors.describe(e))));
      return EXIT_USAGE;
    }
    Mm7ProbeResult r;
    try {
      r = probe.run();
    } catch (UncheckedIOException e) {
      out.println(Json.write(Map.of("error", "cannot write the trace: " + Errors.describe(e))));
      return EXIT_USAGE;
    }
    if (json) {
      printJson(out, r);
    } else {
      printTable(out, r);
    }
    return switch (r.verdict()) {
      case UNDERSTOOD -> 0;
      case UNREACHABLE, NO_ANSWER -> EXIT_UNREACHABLE;
      default -> EXIT_NOT_UNDERSTOOD;
    };
  }

  private Mm7Probe probe() throws IOException {
    Mm7Probe.Builder b =
        Mm7Probe.builder()
            .url(url)
            .vaspId(vaspId)
            .vasId(vasId)
            .serviceCode(serviceCode)
            .maxRequests(maxRequests)
            .spacing(spacing)
            .connectTimeout(timeout)
            .responseTimeout(timeout);
    String pw = Secrets.password(user, null, passwordFile, "--user");
    if (pw != null) {
      b.credentials(user, pw);
    }
    if (from != null) {
      b.from(Address.parse(from));
    }
    if (sendTestTo != null) {
      b.sendTestTo(Address.parse(sendTestTo));
    }
    if (traceDir != null) {
      Files.createDirectories(traceDir);
      b.trace(this::writeTrace);
    }
    return b.build();
  }

  /** One file per exchange: {@code 01-http.txt}, {@code 03-candidate-2.txt}, ... */
  private void writeTrace(Mm7ProbeResult.TraceEntry e) {
    String label = e.label();
    int space = label.indexOf(' ');
    String name =
        (space < 0 ? label : label.substring(0, space)).replaceAll("[^A-Za-z0-9._-]", "_");
    Path file = traceDir.resolve(String.format(Locale.ROOT, "%02d-%s.txt", e.number(), name));
    String text =
        "# "
            + label
            + "\n# request\n"
            + e.request()
            + (e.request().endsWith("\n") ? "" : "\n")
            + "\n# answer\n"
            + e.answer()
            + (e.answer().endsWith("\n") ? "" : "\n");
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  private static void printJson(PrintStream out, Mm7ProbeResult r) {
    for (Step s : r.steps()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("step", s.name());
      m.put("ok", s.ok());
      m.put("millis", s.elapsed().toMillis());
      m.put("detail", s.detail());
      out.println(Json.write(m));
    }
    for (Attempt a : r.attempts()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("candidate", a.number());
      m.put("schema", a.candidate().version().schema());
      m.put("mm7Version", a.candidate().version().mm7Version());
      m.put("dialect", a.candidate().dialect().name().toLowerCase(Locale.ROOT));
      m.put("prefixElements", a.candidate().prefixElements());
      m.put("soapAction", a.candidate().soapAction());
      m.put("verdict", a.verdict().name());
      m.put("answer", a.answer());
      m.put("millis", a.elapsed().toMillis());
      out.println(Json.write(m));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("verdict", r.verdict().name());
    m.put("advice", r.advice());
    m.put("requestsSent", r.requestsSent());
    r.recommended().ifPresent(c -> m.put("recommended", c.label()));
    if (!r.cliFlags().isEmpty()) {
      m.put("cliFlags", r.cliFlags());
      m.put("builderLines", r.builderLines());
    }
    r.testSubmit()
        .ifPresent(
            t -> {
              Map<String, Object> ts = new LinkedHashMap<>();
              ts.put("accepted", t.accepted());
              ts.put("answer", t.answer());
              ts.put("messageId", t.messageId().orElse(null));
              m.put("testSubmit", ts);
            });
    out.println(Json.write(m));
  }

  private static void printTable(PrintStream out, Mm7ProbeResult r) {
    out.println("Reachability");
    for (Step s : r.steps()) {
      out.printf(
          Locale.ROOT,
          "  %-9s %-4s %7d ms  %s%n",
          s.name(),
          s.ok() ? "ok" : "FAIL",
          s.elapsed().toMillis(),
          Terminal.safe(s.detail()));
    }
    if (!r.attempts().isEmpty()) {
      out.println();
      out.println("Candidates");
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"#", "candidate", "verdict", "time", "answer"});
      for (Attempt a : r.attempts()) {
        rows.add(
            new String[] {
              Integer.toString(a.number()),
              a.candidate().label(),
              a.verdict().name(),
              a.elapsed().toMillis() + " ms",
              Terminal.safe(a.answer())
            });
      }
      int[] width = new int[4];
      for (String[] row : rows) {
        for (int i = 0; i < width.length; i++) {
          width[i] = Math.max(width[i], row[i].length());
        }
      }
      for (String[] row : rows) {
        out.printf(
            Locale.ROOT,
            "  %-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %" + width[3]
                + "s  %s%n",
            (Object[]) row);
      }
    }
    out.println();
    out.println("Verdict: " + r.verdict() + " - " + Terminal.safe(r.advice()));
    out.println("Requests sent: " + r.requestsSent());
    r.testSubmit()
        .ifPresent(
            t ->
                out.println(
                    "Test message: "
                        + (t.accepted() ? "accepted, " : "refused, ")
                        + Terminal.safe(t.answer())));
    if (!r.cliFlags().isEmpty()) {
      out.println();
      out.println("mmskit send options:");
      out.println("  " + String.join(" ", r.cliFlags()));
      out.println();
      out.println("Mm7Client:");
      for (String line : r.builderLines()) {
        out.println("  " + line);
      }
    }
  }

  /** Text from the network shown in a terminal: control characters replaced. */
  static final class Terminal {
    private Terminal() {}

    static String safe(String s) {
      StringBuilder sb = new StringBuilder(s.length());
      s.codePoints()
          .forEach(
              c -> {
                if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                  sb.append(c == '\n' || c == '\t' ? ' ' : '?');
                } else {
                  sb.appendCodePoint(c);
                }
              });
      return sb.toString();
    }
  }
}
