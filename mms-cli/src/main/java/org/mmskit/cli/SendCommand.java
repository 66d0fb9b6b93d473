package org.mmskit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
import picocli.CommandLine.Option;

/**
 * {@code mmskit send}: submits one message to an MMSC over MM7 or EAIF and prints the answer as one
 * JSON line.
 *
 * <p>Exit status: 0 accepted (1000 or 1100), 1 refused by the MMSC, 2 bad command line or input
 * file, 3 transport failure (connection, timeout), 4 unreadable answer.
 */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {
      "Submit one MMS to an MMSC over MM7 or EAIF and print the answer as one JSON line:",
      "messageId, statusCode, statusText, transactionId; or error, statusCode, httpStatus,"
          + " faultCode... when it fails."
    },
    footer = {
      "Exit status: 0 accepted (1000/1100), 1 refused by the MMSC, 2 bad options or input,",
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
    MM1
  }

  @Option(
      names = "--via",
      defaultValue = "mm7",
      description = "transport: mm7, eaif or mm1 (default ${DEFAULT-VALUE})")
  Via via;

  @Option(
      names = {"--url", "--mmsc-url"},
      description = "the MMSC endpoint URL (required)")
  URI url;

  @Option(names = "--vasp-id", description = "MM7 VASPID")
  String vaspId;

  @Option(names = "--vas-id", description = "MM7 VASID")
  String vasId;

  @Option(names = "--service-code", description = "MM7 ServiceCode")
  String serviceCode;

  @Option(names = "--user", description = "HTTP Basic user")
  String user;

  @Option(names = "--password", description = "HTTP Basic password")
  String password;

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
      paramLabel = "PATH",
      description = "a part read from a file (type from the extension); repeatable")
  List<Path> files = new ArrayList<>();

  @Option(names = "--delivery-report", description = "ask for a delivery report")
  boolean deliveryReport;

  @Option(names = "--read-reply", description = "ask for a read reply")
  boolean readReply;

  @Option(
      names = "--dump-request",
      paramLabel = "FILE",
      description = "write the exact HTTP request sent (headers and body) to FILE")
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
      out.println(Json.write(error(e.getMessage())));
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
      out.println(Json.write(line));
      return 0;
    } catch (UnavailableException e) {
      out.println(Json.write(error(e.getMessage())));
      return EXIT_USAGE;
    } catch (IllegalArgumentException | IllegalStateException e) {
      out.println(Json.write(error(e.getMessage())));
      return EXIT_USAGE;
    } catch (MmscRejectedException e) {
      Map<String, Object> line = error(e.getMessage());
      line.put("kind", e.kind().name());
      e.statusCode().ifPresent(c -> line.put("statusCode", (long) c));
      e.statusText().ifPresent(t -> line.put("statusText", t));
      e.detail(org.mmskit.core.HttpStatus.class)
          .ifPresent(h -> line.put("httpStatus", (long) h.code()));
      e.detail(org.mmskit.mm7.SoapFault.class)
          .ifPresent(
              f -> {
                line.put("faultCode", f.faultCode());
                line.put("faultString", f.faultString());
              });
      line.put("retryable", e.isRetryable());
      out.println(Json.write(line));
      return EXIT_REFUSED;
    } catch (MmsTransportException e) {
      Map<String, Object> line = error(e.getMessage());
      line.put("requestSent", e.requestSent());
      line.put("retryable", e.isRetryable());
      out.println(Json.write(line));
      return EXIT_TRANSPORT;
    } catch (MmsMalformedException e) {
      out.println(Json.write(error(e.getMessage())));
      return EXIT_MALFORMED;
    } catch (MmsException e) {
      out.println(Json.write(error(e.getMessage())));
      return EXIT_TRANSPORT;
    }
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
          "--from is required with --via " + via.name().toLowerCase(Locale.ROOT));
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
    for (Path f : files) {
      if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
        throw new IOException("cannot read file " + f);
      }
      b.addPart(MmsPart.ofFile(mediaType(f), f));
    }
    b.deliveryReport(deliveryReport).readReport(readReply);
    if (serviceCode != null) {
      b.serviceCode(serviceCode);
    }
    return b.build();
  }

  /** The media type for a file: by its extension, else what the platform guesses, else binary. */
  static String mediaType(Path file) throws IOException {
    String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    switch (ext) {
      case "jpg":
      case "jpeg":
        return "image/jpeg";
      case "png":
        return "image/png";
      case "gif":
        return "image/gif";
      case "bmp":
        return "image/bmp";
      case "wbmp":
        return "image/vnd.wap.wbmp";
      case "txt":
        return "text/plain";
      case "smil":
      case "smi":
        return "application/smil";
      case "amr":
        return "audio/amr";
      case "mp3":
        return "audio/mpeg";
      case "mp4":
        return "video/mp4";
      case "3gp":
        return "video/3gpp";
      case "vcf":
        return "text/x-vcard";
      case "vcs":
        return "text/x-vcalendar";
      default:
        String probed = Files.probeContentType(file);
        return probed != null ? probed : "application/octet-stream";
    }
  }

  Mm7Version version() {
    Mm7Version v = Mm7Version.DEFAULT;
    if (namespace != null) {
      v =
          namespace.contains("/")
              ? Mm7Version.forNamespace(namespace)
                  .orElseThrow(
                      () -> new IllegalArgumentException("not an MM7 namespace: " + namespace))
              : Mm7Version.ofSchema(namespace);
    }
    if (mm7Version != null) {
      v = v.withMm7Version(mm7Version);
    }
    return v;
  }

  private MmsClient client() {
    if (via == Via.MM1) {
      return mm1.client(url);
    }
    if (url == null) {
      throw new IllegalArgumentException("--url is required");
    }
    if (via == Via.EAIF) {
      return eaifClient();
    }
    Mm7Client.Builder b = Mm7Client.builder().endpoint(url).version(version()).dialect(dialect);
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
    if (dumpRequest != null) {
      b.requestObserver(dumped::set);
    }
    return b.build();
  }

  private MmsClient eaifClient() {
    if (dumpRequest != null) {
      throw new UnavailableException("--dump-request is available with --via mm7 only");
    }
    if (vaspId != null || vasId != null || mm7Version != null || namespace != null) {
      throw new IllegalArgumentException(
          "--vasp-id, --vas-id, --mm7-version and --namespace are MM7 options");
    }
    EaifClient.Builder b = EaifClient.builder().endpoint(url);
    if (hasCredentials()) {
      b.credentials(user, password);
    }
    return b.build();
  }

  private void credentials(Mm7Client.Builder b) {
    if (hasCredentials()) {
      b.credentials(user, password);
    }
  }

  private boolean hasCredentials() {
    if (user == null && password == null) {
      return false;
    }
    if (user == null || password == null) {
      throw new IllegalArgumentException("--user and --password go together");
    }
    return true;
  }

  /** Writes the request the client reported, if any, to {@code --dump-request}. */
  private String writeDump() {
    Mm7HttpRequest r = dumped.get();
    if (dumpRequest == null || r == null) {
      return null;
    }
    try (OutputStream out = Files.newOutputStream(dumpRequest)) {
      r.writeTo(out);
      return null;
    } catch (IOException e) {
      return "could not write " + dumpRequest + ": " + e.getMessage();
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
