package org.mmskit.gateway.daemon.internal.config;

import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.mmskit.core.MmsClient;
import org.mmskit.eaif.EaifClient;
import org.mmskit.mm1.ModemWay;
import org.mmskit.mm4.Mm4Client;
import org.mmskit.mm7.Mm7Client;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7Version;

/**
 * Reads {@code connections:}, one named mapping per connection, with the settings of {@code mmskit
 * send} written in camelCase ({@code --vasp-id} is {@code vaspId}) and {@code via:} choosing the
 * transport. The clients are built when the daemon starts, not here.
 */
final class ConnectionReader {
  private ConnectionReader() {}

  enum Via {
    MM7,
    EAIF,
    MM4,
    MM1
  }

  static Optional<DaemonConfig.Connection> read(Section s) {
    Optional<Via> via = s.choice("via", Via.class);
    if (via.isEmpty()) {
      if (!s.has("via")) {
        s.problem("via", "required: mm7, eaif, mm4 or mm1");
      }
      return Optional.empty();
    }
    Optional<DaemonConfig.Connection> c =
        switch (via.get()) {
          case MM7 -> mm7(s);
          case EAIF -> eaif(s);
          case MM4 -> mm4(s);
          case MM1 -> mm1(s);
        };
    s.finish();
    return c;
  }

  private static Optional<DaemonConfig.Connection> mm7(Section s) {
    URI url = url(s, "url", true);
    Mm7Client.Builder b = Mm7Client.builder();
    Optional<Mm7Version> version = mm7Version(s);
    Optional<Mm7Dialect> dialect = s.choice("dialect", Mm7Dialect.class);
    Optional<Boolean> prefix = s.bool("prefixElements");
    Optional<String> soapAction = s.string("soapAction");
    Optional<String> vaspId = s.string("vaspId");
    Optional<String> vasId = s.string("vasId");
    Optional<String> serviceCode = s.string("serviceCode");
    Optional<String[]> login = login(s, "user");
    int before = s.ctx.problems.size();
    http(s, b::connectTimeout, b::responseTimeout, b::proxy, b::maxConnections, b::trustStore);
    s.bool("verifyHostname").ifPresent(b::verifyHostname);
    s.size("maxResponseBytes").ifPresent(b::maxResponseBytes);
    if (url == null || s.ctx.problems.size() > before) {
      return Optional.empty();
    }
    return built(
        s,
        "mm7",
        () -> {
          b.endpoint(url);
          version.ifPresent(b::version);
          dialect.ifPresent(b::dialect);
          prefix.ifPresent(b::prefixElements);
          soapAction.ifPresent(b::soapAction);
          vaspId.ifPresent(b::vaspId);
          vasId.ifPresent(b::vasId);
          serviceCode.ifPresent(b::serviceCode);
          login.ifPresent(l -> b.credentials(l[0], l[1]));
          return b.build();
        });
  }

  private static Optional<DaemonConfig.Connection> eaif(Section s) {
    URI url = url(s, "url", true);
    EaifClient.Builder b = EaifClient.builder();
    Optional<String[]> login = login(s, "user");
    Optional<String> eaifVersion = s.string("eaifVersion");
    int before = s.ctx.problems.size();
    http(s, b::connectTimeout, b::responseTimeout, b::proxy, b::maxConnections, b::trustStore);
    s.bool("verifyHostname").ifPresent(b::verifyHostname);
    s.size("maxResponseBytes").ifPresent(b::maxResponseBytes);
    if (url == null || s.ctx.problems.size() > before) {
      return Optional.empty();
    }
    return built(
        s,
        "eaif",
        () -> {
          b.endpoint(url);
          login.ifPresent(l -> b.credentials(l[0], l[1]));
          eaifVersion.ifPresent(b::eaifVersion);
          return b.build();
        });
  }

  private static Optional<DaemonConfig.Connection> mm4(Section s) {
    String host = s.required("smtpHost");
    boolean starttls = s.bool("starttls", false);
    boolean smtps = s.bool("smtps", false);
    if (starttls && smtps) {
      s.problem("smtps", "give starttls or smtps, not both");
    }
    int port = s.integer("smtpPort", smtps ? 465 : 25, 1, 65535);
    Optional<String[]> login = login(s, "smtpUser");
    String originator = s.required("originatorSystem");
    Optional<String> mmscDomain = s.string("mmscDomain");
    String recipientDomain = s.required("recipientDomain");
    boolean domainInHeaders = s.bool("domainInHeaders", false);
    Optional<String> version = s.string("mm4Version");
    boolean ackRequest = s.bool("ackRequest", true);
    Optional<String> vaspId = s.string("vaspId");
    Optional<String> vasId = s.string("vasId");
    Optional<Duration> timeout = s.duration("timeout");
    String domain = mmscDomain.orElse(null);
    if (domain == null && originator != null) {
      int at = originator.lastIndexOf('@');
      if (at < 0 || at == originator.length() - 1) {
        s.problem("originatorSystem", originator + " has no @domain: give one, or mmscDomain");
      } else {
        domain = originator.substring(at + 1);
      }
    }
    if (host == null || originator == null || recipientDomain == null || domain == null) {
      return Optional.empty();
    }
    String mmscDomainValue = domain;
    return built(
        s,
        "mm4",
        () -> {
          Mm4Client.Builder b =
              Mm4Client.builder()
                  .smtpHost(host)
                  .smtpPort(port)
                  .security(
                      smtps
                          ? Mm4Client.Security.SMTPS
                          : starttls ? Mm4Client.Security.STARTTLS : Mm4Client.Security.NONE)
                  .originatorSystem(originator)
                  .mmscDomain(mmscDomainValue)
                  .recipientDomain(recipientDomain)
                  .domainInHeaders(domainInHeaders)
                  .ackRequest(ackRequest);
          version.ifPresent(b::version);
          login.ifPresent(l -> b.credentials(l[0], l[1]));
          timeout.ifPresent(t -> b.connectTimeout(t).responseTimeout(t));
          vaspId.ifPresent(b::vaspId);
          vasId.ifPresent(b::vasId);
          return b.build();
        });
  }

  private static Optional<DaemonConfig.Connection> mm1(Section s) {
    URI mmscUrl = url(s, "mmscUrl", true);
    Optional<String> serial = s.string("serial");
    int baud = s.integer("baud", 115200, 300, 4_000_000);
    Optional<String> pin = s.secret("pin");
    ModemWay way = s.choice("modem", ModemWay.class).orElse(ModemWay.DATA_LINK);
    if (way != ModemWay.DATA_LINK && serial.isEmpty()) {
      s.problem("serial", "required with modem: " + way.name().toLowerCase(Locale.ROOT));
    }
    Optional<String> proxyText = s.string("proxy");
    URI proxy = null;
    if (proxyText.isPresent()) {
      String p = proxyText.get();
      try {
        proxy = new URI(p.contains("://") ? p : "http://" + p);
      } catch (URISyntaxException e) {
        s.problem("proxy", "'" + p + "' is not HOST:PORT or a URL");
      }
    }
    DaemonConfig.Mm1 mm1 =
        new DaemonConfig.Mm1(
            mmscUrl,
            serial,
            baud,
            pin,
            way,
            Optional.ofNullable(proxy),
            s.string("apn"),
            s.string("userAgent"),
            s.string("wapProfile"),
            s.string("linkUp").map(c -> List.of(c.trim().split("\\s+"))),
            s.string("linkDown").map(c -> List.of(c.trim().split("\\s+"))),
            s.duration("timeout"));
    if (way != ModemWay.DATA_LINK && (mm1.linkUp().isPresent() || mm1.linkDown().isPresent())) {
      s.problem(
          mm1.linkUp().isPresent() ? "linkUp" : "linkDown",
          "only with modem: data-link (the vendor ways use the modem's own bearer)");
    }
    if (mmscUrl == null) {
      return Optional.empty();
    }
    return Optional.of(new DaemonConfig.Connection(s.name(), "mm1", s.line(), null, mm1));
  }

  /** A connection whose client is built at start; a builder's refusal then names it. */
  private static Optional<DaemonConfig.Connection> built(
      Section s, String via, Supplier<MmsClient> factory) {
    return Optional.of(new DaemonConfig.Connection(s.name(), via, s.line(), factory, null));
  }

  private static Optional<Mm7Version> mm7Version(Section s) {
    Optional<String> namespace = s.string("namespace");
    Optional<String> value = s.string("mm7Version");
    Mm7Version v = Mm7Version.DEFAULT;
    if (namespace.isPresent()) {
      String n = namespace.get();
      if (n.contains("/")) {
        Optional<Mm7Version> found = Mm7Version.forNamespace(n);
        if (found.isEmpty()) {
          s.problem("namespace", "not an MM7 namespace: " + n);
          return Optional.empty();
        }
        v = found.get();
      } else {
        Mm7Version found = null;
        StringBuilder known = new StringBuilder();
        for (Mm7Version k : Mm7Version.standardVersions()) {
          known.append(known.length() == 0 ? "" : ", ").append(k.schema());
          if (k.schema().equalsIgnoreCase(n)) {
            found = k;
          }
        }
        if (found == null) {
          s.problem("namespace", "unknown MM7 schema " + n + "; known: " + known);
          return Optional.empty();
        }
        v = found;
      }
    }
    if (value.isPresent()) {
      try {
        v = v.withMm7Version(value.get());
      } catch (IllegalArgumentException e) {
        s.problem("mm7Version", e.getMessage());
      }
    }
    return namespace.isPresent() || value.isPresent() ? Optional.of(v) : Optional.empty();
  }

  static URI url(Section s, String key, boolean required) {
    Optional<String> text = required ? Optional.ofNullable(s.required(key)) : s.string(key);
    if (text.isEmpty()) {
      return null;
    }
    try {
      URI u = new URI(text.get().trim());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
        s.problem(key, "'" + text.get() + "' is not an http:// or https:// URL");
        return null;
      }
      return u;
    } catch (URISyntaxException e) {
      s.problem(key, "'" + text.get() + "' is not a URL: " + e.getReason());
      return null;
    }
  }

  /** {@code user} with {@code password}, {@code passwordEnv} or {@code passwordFile}. */
  private static Optional<String[]> login(Section s, String userKey) {
    Optional<String> user = s.string(userKey);
    if (user.isEmpty()) {
      if (s.has("password") || s.has("passwordEnv") || s.has("passwordFile")) {
        s.problem("password", "a password needs " + userKey);
      }
      s.secret("password");
      return Optional.empty();
    }
    String pw = s.requiredSecret("password");
    return pw == null ? Optional.empty() : Optional.of(new String[] {user.get(), pw});
  }

  /** The HTTP settings MM7 and EAIF share, under the builders' names. */
  private static void http(
      Section s,
      java.util.function.Consumer<Duration> connectTimeout,
      java.util.function.Consumer<Duration> responseTimeout,
      java.util.function.Consumer<URI> proxy,
      java.util.function.IntConsumer maxConnections,
      java.util.function.Consumer<KeyStore> trustStore) {
    s.duration("timeout")
        .ifPresent(
            t -> {
              connectTimeout.accept(t);
              responseTimeout.accept(t);
            });
    s.duration("connectTimeout").ifPresent(connectTimeout);
    s.duration("responseTimeout").ifPresent(responseTimeout);
    URI p = url(s, "proxy", false);
    if (p != null) {
      proxy.accept(p);
    }
    s.integer("maxConnections", 1, 10_000).ifPresent(maxConnections::accept);
    Optional<Path> ts = s.file("trustStore");
    Optional<String> tsPassword = s.secret("trustStorePassword");
    if (ts.isPresent()) {
      try (InputStream in = Files.newInputStream(ts.get())) {
        KeyStore k = KeyStore.getInstance("PKCS12");
        k.load(in, tsPassword.map(String::toCharArray).orElse(null));
        trustStore.accept(k);
      } catch (Exception e) {
        s.problem("trustStore", "cannot load the PKCS#12 trust store " + ts.get() + ": " + e);
      }
    }
  }
}
