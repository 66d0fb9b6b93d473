package org.mmskit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.InboundContext;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsListener;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.ReadReply;
import org.mmskit.core.ReadStatus;
import org.mmskit.eaif.EaifListener;
import org.mmskit.mm4.Mm4Listener;
import org.mmskit.mm7.Mm7InboundDetail;
import org.mmskit.mm7.Mm7Listener;
import org.mmskit.server.CredentialSource;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mmskit listen}: receives what an MMSC posts (MM7 DeliverReq, DeliveryReportReq,
 * ReadReplyReq), prints one JSON line per request on standard output and answers success.
 */
@Command(
    name = "listen",
    mixinStandardHelpOptions = true,
    description = {
      "Receive MMS, delivery reports and read replies from an MMSC and print one JSON line each.",
      "The listening URL is printed on standard error; every request is answered with success.",
      "--mm4 runs an SMTP server for peer MMSCs; the .RES answers go through --relay-host.",
      "Accounts are checked with HTTP Basic or in the path (MM7: /PATH/NAME/PASSWORD,"
          + " EAIF: /PATH/NAME=PASSWORD); without --account the endpoint is open."
    })
final class ListenCommand implements java.util.concurrent.Callable<Integer> {

  static final class Endpoint {
    @Option(names = "--mm7", required = true, description = "MM7 (SOAP) endpoint")
    boolean mm7;

    @Option(names = "--eaif", required = true, description = "EAIF (binary PDU over HTTP) endpoint")
    boolean eaif;

    @Option(names = "--mm4", required = true, description = "MM4 (SMTP) server for peer MMSCs")
    boolean mm4;

    @Option(names = "--mm1", required = true, description = "MM1 through a modem (--serial ...)")
    boolean mm1;
  }

  @CommandLine.Mixin Mm1Options mm1 = new Mm1Options();

  @Option(
      names = "--mmsc-url",
      description = "MM1: the MMSC URL (where fetched messages are acknowledged)")
  URI mmscUrl;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Endpoint transport;

  @CommandLine.Mixin Mm4ListenOptions mm4 = new Mm4ListenOptions();

  @Option(
      names = "--port",
      defaultValue = "0",
      description = "TCP port (0, the default, picks a free one)")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "local address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for all)")
  String bind;

  @Option(names = "--path", description = "path served (default /mm7 or /eaif)")
  String path;

  @Option(
      names = "--account",
      paramLabel = "NAME:PASSWORD",
      description = "accepted account (Basic auth, or path /PATH/NAME/PASSWORD); repeatable")
  List<String> accounts = new ArrayList<>();

  @Option(
      names = "--allow-ip",
      paramLabel = "CIDR",
      description = "accept only peers in this address or range; repeatable")
  List<String> allowIps = new ArrayList<>();

  @Option(
      names = "--save-dir",
      paramLabel = "DIR",
      description = "write every part to a file here (extension from its content type)")
  Path saveDir;

  @Option(
      names = "--max-text",
      defaultValue = "1000",
      paramLabel = "CHARS",
      description =
          "show at most this many characters of each text part (default ${DEFAULT-VALUE};"
              + " a longer text is cut and flagged \"textTruncated\"; 0 shows none)")
  int maxText;

  @Option(
      names = "--max-request-size",
      defaultValue = "16777216",
      paramLabel = "BYTES",
      description = "largest request accepted (default ${DEFAULT-VALUE})")
  long maxRequestSize;

  @Option(
      names = "--count",
      defaultValue = "0",
      paramLabel = "N",
      description = "exit after N requests (default 0: run until interrupted)")
  long count;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final AtomicLong sequence = new AtomicLong();

  /** A started endpoint, MM7 or EAIF. */
  private record Running(AutoCloseable endpoint, URI uri, int port) {}

  @Override
  public Integer call() throws Exception {
    PrintStream err = System.err;
    InetAddress bindAddress;
    try {
      bindAddress = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      err.println(Json.write(Map.of("error", "unknown --bind address: " + bind)));
      return 2;
    }
    List<String[]> parsedAccounts = new ArrayList<>();
    for (String a : accounts) {
      int colon = a.indexOf(':');
      if (colon <= 0) {
        err.println(Json.write(Map.of("error", "--account wants NAME:PASSWORD, got " + a)));
        return 2;
      }
      parsedAccounts.add(new String[] {a.substring(0, colon), a.substring(colon + 1)});
    }
    if (maxText < 0) {
      err.println(Json.write(Map.of("error", "--max-text must not be negative")));
      return 2;
    }
    if (saveDir != null) {
      try {
        Files.createDirectories(saveDir);
      } catch (IOException e) {
        err.println(
            Json.write(
                Map.of("error", "cannot use --save-dir " + saveDir + ": " + Errors.describe(e))));
        return 2;
      }
    }
    // Without --count the latch is never released: the command runs until interrupted.
    CountDownLatch done = new CountDownLatch(count > 0 ? (int) Math.min(count, 1 << 30) : 1);
    Printer printer = new Printer(System.out, done);
    Running running;
    try {
      if (transport.mm4) {
        running = startMm4(bindAddress, parsedAccounts, printer);
      } else if (mm4.anyGiven()) {
        throw new IllegalArgumentException("--smtp-user and --relay-host need --mm4");
      } else if (transport.mm1) {
        running = new Running(mm1.listen(mmscUrl, printer), URI.create("serial:" + mm1.serial), 0);
      } else {
        running =
            transport.eaif
                ? startEaif(bindAddress, parsedAccounts, printer)
                : startMm7(bindAddress, parsedAccounts, printer);
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println(Json.write(Map.of("error", Errors.describe(e))));
      return 2;
    } catch (org.mmskit.core.MmsTransportException e) {
      err.println(Json.write(Map.of("error", String.valueOf(e.getMessage()))));
      return 3;
    } catch (java.io.UncheckedIOException e) {
      err.println(
          Json.write(
              Map.of(
                  "error", "cannot listen on " + bind + ":" + port + ": " + Errors.describe(e))));
      return 1;
    }
    try (AutoCloseable endpoint = running.endpoint()) {
      Thread hook = new Thread(() -> closeQuietly(endpoint), "mmskit-listen-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      Map<String, Object> ready = new LinkedHashMap<>();
      ready.put("listening", running.uri().toString());
      ready.put("port", (long) running.port());
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
    return 0;
  }

  private Running startMm7(InetAddress bindAddress, List<String[]> accounts, MmsListener printer) {
    Mm7Listener.Builder b =
        Mm7Listener.builder()
            .bindAddress(bindAddress)
            .port(port)
            .path(path == null ? "/mm7" : path)
            .maxRequestSize(maxRequestSize)
            .pathCredentials(true)
            .listener(printer);
    for (String[] a : accounts) {
      b.account(a[0], a[1]);
    }
    allowIps.forEach(b::allowFrom);
    Mm7Listener l = b.start();
    return new Running(l, l.uri(), l.port());
  }

  private Running startEaif(InetAddress bindAddress, List<String[]> accounts, MmsListener printer) {
    EaifListener.Builder b =
        EaifListener.builder(printer)
            .bindAddress(bindAddress)
            .port(port)
            .path(path == null ? "/eaif" : path)
            .maxRequestSize(maxRequestSize);
    if (accounts.isEmpty()) {
      b.open();
    } else {
      for (String[] a : accounts) {
        b.account(a[0], a[1]);
      }
      b.credentials(CredentialSource.BASIC, CredentialSource.PATH_KEY_VALUE);
    }
    allowIps.forEach(b::allowFrom);
    EaifListener l = b.start();
    return new Running(l, l.uri(), l.port());
  }

  private Running startMm4(InetAddress bindAddress, List<String[]> accounts, Printer printer) {
    if (path != null) {
      throw new IllegalArgumentException("--path is for HTTP endpoints, not --mm4");
    }
    Mm4Listener l =
        mm4.start(bindAddress, port, accounts, allowIps, maxRequestSize, printer, printer::emit);
    String host = bindAddress.getHostAddress();
    URI uri =
        URI.create(
            "smtp://"
                + (bindAddress instanceof java.net.Inet6Address ? "[" + host + "]" : host)
                + ":"
                + l.port());
    return new Running(l, uri, l.port());
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // shutting down anyway
    }
  }

  /** Prints each request and counts down towards {@code --count}. */
  private final class Printer implements MmsListener {
    private final PrintStream out;
    private final CountDownLatch done;

    Printer(PrintStream out, CountDownLatch done) {
      this.out = out;
      this.done = done;
    }

    @Override
    public Acknowledgement onMessage(IncomingMessage incoming) {
      MmsMessage m = incoming.message();
      Map<String, Object> line = start("deliver", incoming.context());
      line.put("messageId", m.messageId().orElse(null));
      line.put("linkedId", m.linkedId().orElse(null));
      line.put("from", m.from().map(Address::toString).orElse(null));
      line.put("to", addresses(m.to()));
      if (!m.cc().isEmpty()) {
        line.put("cc", addresses(m.cc()));
      }
      line.put("subject", m.subject().orElse(null));
      long seq = sequence.incrementAndGet();
      List<Object> parts = new ArrayList<>();
      int index = 0;
      for (MmsPart p : m.allParts()) {
        parts.add(partJson(p, seq, index++));
      }
      line.put("parts", parts);
      emit(line);
      return Acknowledgement.ok();
    }

    @Override
    public Acknowledgement onDeliveryReport(DeliveryReport r) {
      Map<String, Object> line = start("deliveryReport", r.context());
      line.put("messageId", r.messageId());
      line.put("from", r.sender().map(Address::toString).orElse(null));
      line.put("to", r.recipient().map(a -> List.of((Object) a.toString())).orElse(null));
      // The MM7 name whichever transport it came over (EAIF writes 0x82 for Rejected).
      line.put("status", r.status() == DeliveryStatus.OTHER ? r.rawStatus() : r.status().mm7Name());
      line.put("statusText", r.statusText().orElse(null));
      line.put("date", r.date().map(Object::toString).orElse(null));
      emit(line);
      return Acknowledgement.ok();
    }

    @Override
    public Acknowledgement onReadReply(ReadReply r) {
      Map<String, Object> line = start("readReply", r.context());
      line.put("messageId", r.messageId());
      line.put("from", r.sender().map(Address::toString).orElse(null));
      line.put("to", r.recipient().map(a -> List.of((Object) a.toString())).orElse(null));
      line.put(
          "status", r.status() == ReadStatus.INDETERMINATE ? r.rawStatus() : r.status().mm7Name());
      line.put("statusText", r.statusText().orElse(null));
      line.put("date", r.date().map(Object::toString).orElse(null));
      emit(line);
      return Acknowledgement.ok();
    }

    private Map<String, Object> start(String kind, InboundContext c) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("kind", kind);
      line.put("transport", c.transport().name());
      line.put("transactionId", c.transactionId().orElse(null));
      if (c.transport() == org.mmskit.core.Transport.MM7) {
        line.put("mm7Version", c.protocolVersion().orElse(null));
      } else {
        line.put("mmsVersion", c.protocolVersion().orElse(null));
      }
      Optional<Mm7InboundDetail> mm7 = c.detail(Mm7InboundDetail.class);
      mm7.ifPresent(d -> line.put("namespace", d.namespace()));
      line.put("relayServerId", mm7.flatMap(Mm7InboundDetail::relayServerId).orElse(null));
      line.put("account", c.account().orElse(null));
      line.put("remoteAddress", c.remoteAddress().map(InetAddress::getHostAddress).orElse(null));
      return line;
    }

    private void emit(Map<String, Object> line) {
      String text = Json.write(line);
      synchronized (out) {
        out.println(text);
        out.flush();
      }
      if (count > 0) {
        done.countDown();
      }
    }

    private Map<String, Object> partJson(MmsPart p, long seq, int index) {
      Map<String, Object> j;
      try {
        j = PartJson.of(p, maxText == 0 ? PartJson.NO_TEXT : maxText);
      } catch (IOException e) {
        j = new LinkedHashMap<>();
        j.put("contentType", p.contentType().mediaType());
        j.put("error", "could not read the part: " + Errors.describe(e));
        return j;
      }
      if (saveDir != null) {
        try {
          Path target = save(p, fileName(seq, index, p));
          j.put("file", target.toString());
        } catch (IOException e) {
          j.put("error", "could not save the part: " + Errors.describe(e));
        }
      }
      return j;
    }
  }

  /** Writes a part under a new name in the save directory (never over an existing file). */
  private Path save(MmsPart p, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path target = saveDir.resolve(attempt == 0 ? name : attempt + "-" + name);
      try (InputStream in = p.openStream()) {
        Files.copy(in, target);
        return target;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt > 1000) {
          throw e;
        }
      }
    }
  }

  private static List<Object> addresses(List<Address> list) {
    List<Object> out = new ArrayList<>(list.size());
    for (Address a : list) {
      out.add(a.toString());
    }
    return out;
  }

  /**
   * A safe file name for a part: sequence number, index, and the part's own name reduced to
   * letters, digits, dot, dash and underscore (so a hostile name cannot leave the directory), with
   * the extension of its content type when the name has none.
   */
  static String fileName(long seq, int index, MmsPart p) {
    Optional<String> own = p.name();
    String base = own.map(ListenCommand::sanitise).filter(s -> !s.isEmpty()).orElse("part");
    if (base.lastIndexOf('.') <= 0) {
      base += MediaTypes.extension(p.contentType().mediaType()).map(e -> "." + e).orElse("");
    }
    return String.format(Locale.ROOT, "%06d-%02d-%s", seq, index, base);
  }

  static String sanitise(String name) {
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    String s = name.substring(slash + 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && sb.length() < 80; i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '-'
              || c == '_';
      sb.append(ok ? c : '_');
    }
    int start = 0;
    while (start < sb.length() && sb.charAt(start) == '.') {
      start++;
    }
    return sb.substring(start);
  }
}
