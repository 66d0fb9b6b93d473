package org.mmskit.mm7.internal.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mmskit.core.Address;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7Probe.Candidate;
import org.mmskit.mm7.Mm7Version;

/** The settings found, as {@code mmskit send} options and as {@code Mm7Client.builder()} lines. */
final class Recommendation {
  private final ProbeSettings settings;

  Recommendation(ProbeSettings settings) {
    this.settings = settings;
  }

  /** The options of {@code mmskit send}, one option (with its value) per element. */
  List<String> cliFlags(Candidate c) {
    List<String> f = new ArrayList<>();
    f.add("--url " + shell(settings.url().toString()));
    if (settings.vaspId() != null) {
      f.add("--vasp-id " + shell(settings.vaspId()));
    }
    if (settings.vasId() != null) {
      f.add("--vas-id " + shell(settings.vasId()));
    }
    if (settings.serviceCode() != null) {
      f.add("--service-code " + shell(settings.serviceCode()));
    }
    if (settings.hasCredentials()) {
      f.add("--user " + shell(settings.user()));
      f.add("--password-file FILE");
    }
    f.add("--namespace " + c.version().schema());
    f.add("--mm7-version " + c.version().mm7Version());
    if (c.dialect() != Mm7Dialect.STANDARD) {
      f.add("--dialect " + c.dialect().name().toLowerCase(Locale.ROOT));
    }
    if (c.prefixElements() != Candidates.defaultPrefix(c.dialect())) {
      f.add("--prefix-elements " + c.prefixElements());
    }
    if (!c.soapAction().equals(Candidates.DEFAULT_SOAP_ACTION)) {
      f.add("--soap-action " + shell(c.soapAction()));
    }
    return f;
  }

  /** The Java lines to paste, starting with {@code Mm7Client.builder()}. */
  List<String> builderLines(Candidate c) {
    List<String> l = new ArrayList<>();
    l.add("Mm7Client.builder()");
    l.add("    .endpoint(URI.create(" + java(settings.url().toString()) + "))");
    if (settings.vaspId() != null) {
      l.add("    .vaspId(" + java(settings.vaspId()) + ")");
    }
    if (settings.vasId() != null) {
      l.add("    .vasId(" + java(settings.vasId()) + ")");
    }
    if (settings.serviceCode() != null) {
      l.add("    .serviceCode(" + java(settings.serviceCode()) + ")");
    }
    if (settings.from() != null) {
      l.add("    .defaultSender(" + address(settings.from()) + ")");
    }
    if (settings.hasCredentials()) {
      l.add("    .credentials(" + java(settings.user()) + ", System.getenv(\"MMSKIT_PASSWORD\"))");
    }
    if (settings.sslContext() != null) {
      l.add("    .sslContext(sslContext) // trusting the MMSC's certificate, as for the probe");
    }
    l.add("    .version(" + version(c.version()) + ")");
    if (c.dialect() != Mm7Dialect.STANDARD) {
      l.add("    .dialect(Mm7Dialect." + c.dialect().name() + ")");
    }
    if (c.prefixElements() != Candidates.defaultPrefix(c.dialect())) {
      l.add("    .prefixElements(" + c.prefixElements() + ")");
    }
    if (!c.soapAction().equals(Candidates.DEFAULT_SOAP_ACTION)) {
      l.add("    .soapAction(" + java(c.soapAction()) + ")");
    }
    l.add("    .build();");
    return l;
  }

  private static String version(Mm7Version v) {
    String constant = "Mm7Version." + v.schema().replace('-', '_');
    String usual = Mm7Version.ofSchema(v.schema()).mm7Version();
    return v.mm7Version().equals(usual)
        ? constant
        : constant + ".withMm7Version(" + java(v.mm7Version()) + ")";
  }

  private static String address(Address a) {
    return switch (a.kind()) {
      case SHORT_CODE -> "Address.shortCode(" + java(a.value()) + ")";
      case PHONE -> "Address.phone(" + java(a.value()) + ")";
      case EMAIL -> "Address.email(" + java(a.value()) + ")";
      default -> "Address.parse(" + java(a.toPduString()) + ")";
    };
  }

  /** A Java string literal. */
  static String java(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch < 0x20 || ch == 0x7f) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** A POSIX shell word: bare when it is safe, single-quoted otherwise. */
  static String shell(String s) {
    if (!s.isEmpty() && s.matches("[A-Za-z0-9_./:@%+=,-]+")) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
