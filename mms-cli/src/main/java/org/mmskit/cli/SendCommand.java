package org.mmskit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.mmskit.core.Address;
import org.mmskit.core.MmsClient;
import org.mmskit.core.MmsException;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.SubmitResult;
import org.mmskit.eaif.EaifClient;
import org.mmskit.mm7.Mm7Client;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7HttpRequest;
import org.mmskit.mm7.Mm7Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mmskit send}: submits one message to an MMSC over MM7 or EAIF, or to a peer MMSC's SMTP
 * server over MM4, and prints the answer as one JSON line.
 *
 * <p>Exit status: 0 accepted (1000 or 1100), 1 refused by the MMSC, 2 bad command line or input
 * file, 3 transport failure (connection, timeout), 4 unreadable answer.
 */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {
      "Submit one MMS to an MMSC over MM7 or EAIF (--url), or over MM4 to a peer MMSC's SMTP"
          + " server (--smtp-host), and print the answer as one JSON line:",
      "messageId, statusCode, statusText, transactionId (MM4: messageId, transactionId,"
          + " smtpReply); or error, statusCode, httpStatus, faultCode, smtpReply... when it"
          + " fails."
    },
    footer = {
      "Exit status: 0 accepted (1000/1100; MM4: 250), 1 refused by the MMSC, 2 bad options or"
          + " input,",
      "3 MMSC unreachable or no answer, 4 unreadable answer."
    })
final class SendCommand implements Callable<Integer> {
  static final int EXIT_REFUSED = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_TRANSPORT = 3;
  static final int EXIT_MALFORMED = 4;

  enum Via {
    MM7,
    EAIF,
    MM4,
    MM1
  }

  @Option(
      names = "--via",
      defaultValue = "mm7",
      description = "transport: mm7, eaif, mm4 or mm1 (default ${DEFAULT-VALUE})")
  Via via;

  @Option(
      names = {"--url", "--mmsc-url"},
      description = "the MMSC endpoint URL (MM7, EAIF, MM1)")
  URI url;

  @Mixin Mm4SendOptions mm4 = new Mm4SendOptions();

  @Option(names = "--vasp-id", description = "MM7 VASPID (MM4: X-Mms-VASP-ID)")
  String vaspId;

  @Option(names = "--vas-id", description = "MM7 VASID (MM4: X-Mms-VAS-ID)")
  String vasId;

  @Option(names = "--service-code", description = "MM7 ServiceCode")
  String serviceCode;

  @Option(names = "--user", description = "HTTP Basic user")
  String user;

  @Option(
      names = "--password",
      description =
          "HTTP Basic password (visible in shell history: prefer --password-file or the"
              + " MMSKIT_PASSWORD environment variable)")
  String password;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "read the HTTP Basic password from the first line of FILE")
  Path passwordFile;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "how long to wait to connect, and then for the answer: 500ms, 10s, 2m"
              + " (default 10s to connect, 60s for the answer)")
  Duration timeout;

  @Option(
      names = "--show-secrets",
      description = "write passwords in clear in --dump-request (masked by default)")
  boolean showSecrets;

  @Option(names = "--mm7-version", description = "MM7Version value, e.g. 6.8.0 or 5.3.0")
  String mm7Version;

  @Option(
      names = "--namespace",
      description = "MM7 schema, e.g. REL-6-MM7-1-4 or REL-5-MM7-1-2, or a full namespace URI")
  String namespace;

  @Option(
      names = "--dialect",
      defaultValue = "standard",
      description = "MM7 dialect: standard, ericsson, logicacmg (default ${DEFAULT-VALUE})")
  Mm7Dialect dialect;

  @Option(
      names = "--prefix-elements",
      arity = "1",
      paramLabel = "true|false",
      description =
          "true writes mm7:-prefixed elements, false the MM7 namespace as default namespace"
              + " (default: as the dialect writes)")
  Boolean prefixElements;

  @Option(
      names = "--soap-action",
      paramLabel = "VALUE",
      description = "the SOAPAction header value as sent (default \"\", two quote characters)")
  String soapAction;

  @Option(names = "--from", description = "sender address (MM7, EAIF; MM1 uses the SIM's)")
  String from;

  @Option(names = "--to", required = true, description = "recipient address; repeatable")
  List<String> to = new ArrayList<>();

  @Option(names = "--subject", description = "subject")
  String subject;

  @Option(names = "--text", description = "a text/plain part")
  String text;

  @Option(
      names = "--file",
      paramLabel = "PATH[;type=TYPE]",
      description =
          "a part read from a file; its type from the extension or as given, e.g."
              + " 'photo.bin;type=image/jpeg'; repeatable")
  List<String> files = new ArrayList<>();

  @Option(
      names = "--smil",
      description = "add a SMIL presentation showing the parts in order (multipart/related)")
  boolean smil;

  @Option(names = "--delivery-report", description = "ask for a delivery report")
  boolean deliveryReport;

  @Option(names = "--read-reply", description = "ask for a read reply")
  boolean readReply;

  @Option(
      names = "--dump-request",
      paramLabel = "FILE",
      description =
          "write the exact HTTP request sent (headers and body) to FILE; the Authorization"
              + " value is masked unless --show-secrets")
  Path dumpRequest;

  @picocli.CommandLine.Mixin Mm1Options mm1 = new Mm1Options();

  private final AtomicReference<Mm7HttpRequest> dumped = new AtomicReference<>();

  @Override
  public Integer call() {
    PrintStream out = System.out;
    MmsMessage message;
    try {
      message = message();
    } catch (IllegalArgumentException | IOException e) {
      out.println(Json.write(error(Errors.describe(e))));
      return EXIT_USAGE;
    }
    try (MmsClient client = client()) {
      SubmitResult r;
      try {
        r = client.submit(message);
      } finally {
        String dumpError = writeDump();
        if (dumpError != null) {
          System.err.println(Json.write(error(dumpError)));
        }
      }
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("messageId", r.messageId());
      line.put("statusCode", (long) r.statusCode());
      line.put("statusText", r.statusText());
      line.put("transactionId", r.transactionId().orElse(null));
      out.println(Json.write(via == Via.MM4 ? Mm4SendOptions.accepted(r) : line));
      return 0;
    } catch (UnavailableException e) {
      out.println(Json.write(error(e.getMessage())));
      return EXIT_USAGE;
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      out.println(Json.write(error(Errors.describe(e))));
      return EXIT_USAGE;
    } catch (MmscRejectedException e) {
      out.println(Json.write(Refusal.toJson(e)));
      return EXIT_REFUSED;
    } catch (MmsTransportException e) {
      Map<String, Object> line = error(transportError(e));
      line.put("requestSent", e.requestSent());
      line.put("retryable", e.isRetryable());
      out.println(Json.write(line));
      return EXIT_TRANSPORT;
    } catch (MmsMalformedException e) {
      out.println(Json.write(error("unreadable answer: " + Errors.describe(e))));
      return EXIT_MALFORMED;
    } catch (MmsException e) {
      out.println(Json.write(error(Errors.describe(e))));
      return EXIT_TRANSPORT;
    }
  }

  /** The transport failure in words; a timeout says how long the command waited. */
  private String transportError(MmsTransportException e) {
    String why = Errors.describe(e);
    boolean timedOut = false;
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof java.net.SocketTimeoutException
          || c instanceof java.util.concurrent.TimeoutException
          || String.valueOf(c.getMessage()).contains("timed out")
          || String.valueOf(c.getMessage()).contains("in time")) {
        timedOut = true;
        break;
      }
    }
    if (!timedOut) {
      return why;
    }
    String waited =
        timeout != null
            ? DurationConverter.format(timeout)
            : (e.requestSent() ? "60s (the default; see --timeout)" : "10s (the default)");
    return (e.requestSent() ? "no answer from the MMSC after " : "could not connect within ")
        + waited
        + " ("
        + (via == Via.MM4 ? mm4.smtpHost + ":" + mm4.smtpPort : url)
        + ")";
  }

  private static Map<String, Object> error(String message) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("error", message == null ? "unknown error" : message);
    return line;
  }

  MmsMessage message() throws IOException {
    MmsMessage.Builder b = MmsMessage.builder();
    if (from != null) {
      b.from(Address.parse(from));
    } else if (via != Via.MM1) {
      throw new IllegalArgumentException(
          "--from is required with --via " + via.name().toLowerCase(java.util.Locale.ROOT));
    }
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
    if (smil) {
      b.generateSmil(true);
    }
    b.deliveryReport(deliveryReport).readReport(readReply);
    if (serviceCode != null) {
      b.serviceCode(serviceCode);
    }
    return b.build();
  }

  /** The media type for a file, as {@code --file} picks it. */
  static String mediaType(Path file) throws IOException {
    return MediaTypes.forFile(file);
  }

  Mm7Version version() {
    Mm7Version v = Mm7Version.DEFAULT;
    if (namespace != null) {
      v =
          namespace.contains("/")
              ? Mm7Version.forNamespace(namespace)
                  .orElseThrow(
                      () -> new IllegalArgumentException("not an MM7 namespace: " + namespace))
              : schema(namespace);
    }
    if (mm7Version != null) {
      v = v.withMm7Version(mm7Version);
    }
    return v;
  }

  /** The MM7 schema of that name; an unknown one is refused naming the known ones. */
  private static Mm7Version schema(String name) {
    for (Mm7Version v : Mm7Version.standardVersions()) {
      if (v.schema().equalsIgnoreCase(name)) {
        return v;
      }
    }
    StringBuilder known = new StringBuilder();
    for (Mm7Version v : Mm7Version.standardVersions()) {
      known.append(known.length() == 0 ? "" : ", ").append(v.schema());
    }
    throw new IllegalArgumentException(
        "unknown MM7 schema " + name + "; known: " + known + " (or a full namespace URI)");
  }

  private MmsClient client() throws IOException {
    if (via == Via.MM4) {
      return mm4Client();
    }
    if (via == Via.MM1) {
      return mm1.client(url);
    }
    if (url == null) {
      throw new IllegalArgumentException(
          "--via " + via.name().toLowerCase(Locale.ROOT) + " needs --url");
    }
    if (mm4.anyGiven()) {
      throw new IllegalArgumentException("--smtp-... and the other MM4 options need --via mm4");
    }
    if (via == Via.EAIF) {
      return eaifClient();
    }
    Mm7Client.Builder b = Mm7Client.builder().endpoint(url).version(version()).dialect(dialect);
    if (prefixElements != null) {
      b.prefixElements(prefixElements);
    }
    if (soapAction != null) {
      b.soapAction(soapAction);
    }
    if (vaspId != null) {
      b.vaspId(vaspId);
    }
    if (vasId != null) {
      b.vasId(vasId);
    }
    if (serviceCode != null) {
      b.serviceCode(serviceCode);
    }
    credentials(b);
    if (timeout != null) {
      b.connectTimeout(timeout).responseTimeout(timeout);
    }
    if (dumpRequest != null) {
      b.requestObserver(dumped::set);
    }
    return b.build();
  }

  private MmsClient eaifClient() throws IOException {
    if (dumpRequest != null) {
      throw new UnavailableException("--dump-request is available with --via mm7 only");
    }
    if (vaspId != null || vasId != null || mm7Version != null || namespace != null) {
      throw new IllegalArgumentException(
          "--vasp-id, --vas-id, --mm7-version and --namespace are MM7 options");
    }
    EaifClient.Builder b = EaifClient.builder().endpoint(url);
    String pw = password();
    if (pw != null) {
      b.credentials(user, pw);
    }
    if (timeout != null) {
      b.connectTimeout(timeout).responseTimeout(timeout);
    }
    return b.build();
  }

  private MmsClient mm4Client() throws IOException {
    if (url != null || dumpRequest != null || mm7Version != null || namespace != null) {
      throw new IllegalArgumentException(
          "--via mm4 speaks SMTP: give --smtp-host and --smtp-port, not --url, --dump-request,"
              + " --mm7-version or --namespace");
    }
    if (user != null) {
      throw new IllegalArgumentException("--user is the HTTP user: give --smtp-user for MM4");
    }
    return mm4.client(password(mm4.smtpUser, "--smtp-user"), timeout, vaspId, vasId);
  }

  private void credentials(Mm7Client.Builder b) throws IOException {
    String pw = password();
    if (pw != null) {
      b.credentials(user, pw);
    }
  }

  /** The password for {@code --user}, see {@link Secrets#password}. */
  private String password() throws IOException {
    return password(user, "--user");
  }

  private String password(String user, String userOption) throws IOException {
    return Secrets.password(user, password, passwordFile, userOption);
  }

  /** Writes the request the client reported, if any, to {@code --dump-request}. */
  private String writeDump() {
    Mm7HttpRequest r = dumped.get();
    if (dumpRequest == null || r == null) {
      return null;
    }
    try (OutputStream out = Files.newOutputStream(dumpRequest)) {
      (showSecrets ? r : Secrets.mask(r)).writeTo(out);
      return null;
    } catch (IOException e) {
      return "could not write " + dumpRequest + ": " + Errors.describe(e);
    }
  }

  /** A transport this build cannot use. */
  static final class UnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnavailableException(String message) {
      super(message);
    }
  }
}
