package org.mmskit.gateway.daemon.internal.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.mmskit.core.Address;
import org.mmskit.gateway.RetryPolicy;
import org.mmskit.gateway.Route;
import org.mmskit.gateway.daemon.internal.config.DaemonConfig.Connection;
import org.mmskit.gateway.daemon.internal.webhook.WebhookSettings;
import org.mmskit.server.CidrRange;

/**
 * Reads the daemon's YAML configuration. Every problem found is collected (with its key path and
 * line) and thrown together as a {@link ConfigException}; see the module's README for the keys.
 */
public final class ConfigReader {
  private ConfigReader() {}

  /** Reads a configuration file; secrets named {@code ...Env} come from {@code env}. */
  public static DaemonConfig read(Path file, Function<String, String> env) {
    Path abs = file.toAbsolutePath().normalize();
    try (Reader r = Files.newBufferedReader(abs, StandardCharsets.UTF_8)) {
      return read(r, abs, env);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), List.of("cannot read the file: " + e));
    }
  }

  /** Reads configuration text as if it were the file {@code file}. */
  public static DaemonConfig read(String yaml, Path file, Function<String, String> env) {
    try {
      return read(new StringReader(yaml), file.toAbsolutePath().normalize(), env);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DaemonConfig read(Reader text, Path file, Function<String, String> env)
      throws IOException {
    Section.Context ctx = new Section.Context(env, file.getParent());
    YamlTree.Node root;
    try {
      root = YamlTree.read(text, ctx.problems);
    } catch (YamlTree.SyntaxException e) {
      throw new ConfigException(
          file.toString(), List.of("line " + e.line + ": not valid YAML: " + e.getMessage()));
    }
    if (!(root instanceof YamlTree.MapNode map)) {
      throw new ConfigException(
          file.toString(),
          List.of("line " + root.line() + ": the file must be a mapping (key: value lines)"));
    }
    Section top = new Section(ctx, "", map, 1);
    DaemonConfig.Api api = api(top.sectionOrEmpty("api"));
    DaemonConfig.Store store = store(top.sectionOrEmpty("store"), file);
    Map<String, Connection> connections = new LinkedHashMap<>();
    Set<String> declared = new java.util.LinkedHashSet<>();
    for (Section c : top.namedSections("connections")) {
      declared.add(c.name());
      ConnectionReader.read(c).ifPresent(conn -> connections.put(conn.name(), conn));
    }
    if (!top.has("connections")) {
      top.problem("connections", "required: at least one connection (mm7, eaif, mm4 or mm1)");
    }
    List<Route> routes = routes(top, declared, connections);
    RetryPolicy retry = retry(top.sectionOrEmpty("retry"));
    DaemonConfig.Instance instance = instance(top.sectionOrEmpty("gateway"));
    Section listeners = top.sectionOrEmpty("listeners");
    Optional<DaemonConfig.HttpListener> http = listeners.section("http").map(ConfigReader::http);
    Optional<DaemonConfig.Mm4Listener> mm4 =
        listeners.section("mm4").map(s -> mm4(s, declared, connections));
    List<DaemonConfig.Mm1Listener> mm1 = new ArrayList<>();
    for (Section s : listeners.sections("mm1")) {
      mm1.add(mm1(s, declared, connections));
    }
    listeners.finish();
    DaemonConfig.Webhooks webhooks = webhooks(top.sectionOrEmpty("webhooks"), store);
    top.finish();
    if (!ctx.problems.isEmpty()) {
      throw new ConfigException(file.toString(), ctx.problems);
    }
    return new DaemonConfig(
        file,
        api,
        store,
        Map.copyOf(connections),
        routes,
        retry,
        instance,
        http,
        mm4,
        List.copyOf(mm1),
        webhooks,
        List.copyOf(ctx.warnings));
  }

  private static DaemonConfig.Api api(Section s) {
    String bind = bindAddress(s, "127.0.0.1");
    int port = s.integer("port", 8080, 0, 65535);
    Optional<DaemonConfig.Tls> tls = s.section("tls").map(ConfigReader::tls);
    List<String> allowFrom = cidrs(s, "allowFrom");
    long maxRequestSize = s.size("maxRequestSize").orElse(20L * 1024 * 1024);
    List<DaemonConfig.ApiKey> keys = new ArrayList<>();
    for (Section k : s.sections("keys")) {
      String name = k.required("name");
      String key = k.requiredSecret("key");
      if (key != null && key.length() < 16) {
        k.problem("key", "too short: an API key needs at least 16 characters");
      }
      k.finish();
      if (name != null && key != null) {
        keys.add(new DaemonConfig.ApiKey(name, key));
      }
    }
    if (!s.has("keys")) {
      s.problem("keys", "required: at least one API key (name, keyEnv or keyFile)");
    }
    Section fetch = s.sectionOrEmpty("fetch");
    long fetchMax = fetch.size("maxBytes").orElse(10L * 1024 * 1024);
    Duration fetchTimeout = fetch.duration("timeout", Duration.ofSeconds(20));
    List<String> fetchAllow = hostsOrRanges(fetch, "allowHosts");
    fetch.finish();
    URI publicUrl = ConnectionReader.url(s, "publicUrl", false);
    Duration shutdown = s.duration("shutdownTimeout", Duration.ofSeconds(20));
    s.finish();
    return new DaemonConfig.Api(
        bind,
        port,
        tls,
        allowFrom,
        maxRequestSize,
        List.copyOf(keys),
        fetchMax,
        fetchTimeout,
        fetchAllow,
        Optional.ofNullable(publicUrl),
        shutdown);
  }

  private static DaemonConfig.Tls tls(Section s) {
    Optional<Path> ks = s.file("keyStore");
    if (ks.isEmpty()) {
      s.problem("keyStore", "required: a PKCS#12 file with the certificate and key");
    } else if (!Files.isReadable(ks.get())) {
      s.problem("keyStore", ks.get() + " cannot be read");
    }
    String pw = s.requiredSecret("password");
    s.finish();
    return new DaemonConfig.Tls(ks.orElse(null), pw);
  }

  private static String bindAddress(Section s, String dflt) {
    String bind = s.string("bindAddress", dflt);
    try {
      InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      s.problem("bindAddress", "unknown address " + bind);
    }
    return bind;
  }

  private static List<String> cidrs(Section s, String key) {
    List<String> out = s.strings(key);
    for (String c : out) {
      try {
        CidrRange.parse(c);
      } catch (IllegalArgumentException e) {
        s.problem(key, "'" + c + "' is not an address or range: " + e.getMessage());
      }
    }
    return out;
  }

  /** Host names, addresses or ranges; an entry with a slash or a colon must be a valid range. */
  private static List<String> hostsOrRanges(Section s, String key) {
    List<String> out = s.strings(key);
    for (String c : out) {
      try {
        CidrRange.parse(c);
      } catch (IllegalArgumentException e) {
        if (c.indexOf('/') >= 0 || c.indexOf(':') >= 0) {
          s.problem(key, "'" + c + "' is not an address or range: " + e.getMessage());
        } else if (!HOST_NAME.matcher(c).matches()) {
          s.problem(key, "'" + c + "' is neither a host name nor an address or range");
        }
      }
    }
    return out;
  }

  private static final Pattern HOST_NAME =
      Pattern.compile("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

  private static DaemonConfig.Store store(Section s, Path file) {
    Optional<Section> pg = s.section("postgresql");
    Optional<Path> sqlite = s.file("sqlite");
    boolean powerSafe = s.bool("powerSafe", false);
    Duration retention = s.duration("retention", Duration.ofDays(15));
    if (retention.toMillis() < 1) {
      s.problem("retention", "must be longer than zero");
    }
    if (pg.isPresent() && sqlite.isPresent()) {
      s.problem("give sqlite or postgresql, not both");
    }
    Optional<DaemonConfig.Postgres> postgres = Optional.empty();
    if (pg.isPresent()) {
      Section p = pg.get();
      String url = p.required("url");
      if (url != null && !url.startsWith("jdbc:postgresql:")) {
        p.problem("url", "expected jdbc:postgresql://HOST:PORT/DATABASE");
      }
      Optional<String> user = p.string("user");
      Optional<String> password = p.secret("password");
      int pool = p.integer("maxPoolSize", 10, 1, 1000);
      p.finish();
      postgres = Optional.of(new DaemonConfig.Postgres(url, user, password, pool));
    }
    s.finish();
    Path db = sqlite.orElse(file.getParent().resolve("gateway.db"));
    return new DaemonConfig.Store(db, powerSafe, postgres, retention);
  }

  // MM4 has no sender of the MMSC's choosing: the API accepts such a message, its first attempt
  // fails for good
  private static final String SENDERLESS_MM4 =
      "MM4 needs a sender: a message sent without from fails";

  private static List<Route> routes(
      Section top, Set<String> connections, Map<String, Connection> built) {
    List<Route> routes = new ArrayList<>();
    List<Section> sections = top.sections("routes");
    if (sections.isEmpty() && connections.size() == 1 && !top.has("routes")) {
      // one connection and no routes: everything goes over it
      String only = connections.iterator().next();
      Connection c = built.get(only);
      if (c != null && c.via().equals("mm4")) {
        top.ctx.warnings.add(
            "line "
                + c.line()
                + ": connections."
                + only
                + ": "
                + SENDERLESS_MM4
                + " (give a route with a defaultSender)");
      }
      routes.add(Route.builder("default", only).build());
      return routes;
    }
    if (sections.isEmpty() && !connections.isEmpty()) {
      top.problem(
          "routes", "required when there are several connections (name, connection, prefixes)");
    }
    Set<String> names = new java.util.HashSet<>();
    String defaultRoute = null;
    for (Section r : sections) {
      String name = r.required("name");
      String connection = r.required("connection");
      if (connection != null && !connections.contains(connection)) {
        r.problem(
            "connection", "no connection named " + connection + " (known: " + connections + ")");
      }
      List<String> prefixes = r.strings("prefixes");
      Optional<String> sender = r.string("defaultSender");
      boolean override = r.bool("allowSenderOverride", true);
      int rate = r.integer("messagesPerSecond", 0, 0, 1_000_000);
      int concurrency = r.integer("maxConcurrency", 8, 1, 10_000);
      r.finish();
      if (name != null && !names.add(name)) {
        r.problem("name", "two routes named " + name);
      }
      if (prefixes.isEmpty() && name != null) {
        if (defaultRoute != null) {
          r.problem(
              "prefixes", "a second default route (no prefixes); the first is " + defaultRoute);
        } else {
          defaultRoute = name;
        }
      }
      if (name == null || connection == null) {
        continue;
      }
      Connection c = built.get(connection);
      if (c != null && c.via().equals("mm4") && sender.isEmpty()) {
        top.ctx.warnings.add(
            "line "
                + r.line()
                + ": "
                + r.keyPath("defaultSender")
                + ": not set; "
                + SENDERLESS_MM4);
      }
      try {
        Route.Builder b = Route.builder(name, connection);
        if (!prefixes.isEmpty()) {
          b.prefixes(prefixes.toArray(String[]::new));
        }
        if (sender.isPresent()) {
          b.defaultSender(Address.parse(sender.get()));
        }
        routes.add(
            b.allowSenderOverride(override)
                .messagesPerSecond(rate)
                .maxConcurrency(concurrency)
                .build());
      } catch (RuntimeException e) {
        r.problem(e.getMessage());
      }
    }
    return routes;
  }

  private static RetryPolicy retry(Section s) {
    RetryPolicy.Builder b = RetryPolicy.builder();
    try {
      s.duration("initialDelay").ifPresent(b::initialDelay);
      s.duration("maxDelay").ifPresent(b::maxDelay);
      s.decimal("multiplier", 1, 100).ifPresent(b::multiplier);
      s.decimal("jitter", 0, 1).ifPresent(b::jitter);
      s.integer("maxAttempts", 1, 10_000).ifPresent(b::maxAttempts);
      s.duration("maxAge").ifPresent(b::maxAge);
      s.finish();
      return b.build();
    } catch (RuntimeException e) {
      s.problem(e.getMessage());
      return RetryPolicy.defaults();
    }
  }

  private static DaemonConfig.Instance instance(Section s) {
    Optional<String> id = s.string("instanceId");
    Duration lease = s.duration("leaseDuration", Duration.ofSeconds(60));
    Duration poll = s.duration("pollInterval", Duration.ofSeconds(1));
    s.finish();
    return new DaemonConfig.Instance(id, lease, poll);
  }

  private static DaemonConfig.HttpListener http(Section s) {
    String bind = bindAddress(s, "0.0.0.0");
    int port = s.integer("port", 8081, 0, 65535);
    Optional<DaemonConfig.Tls> tls = s.section("tls").map(ConfigReader::tls);
    long max = s.size("maxRequestSize").orElse(16L * 1024 * 1024);
    Optional<DaemonConfig.InboundPath> mm7 = s.section("mm7").map(p -> inbound(p, "/mm7"));
    Optional<DaemonConfig.InboundPath> eaif = s.section("eaif").map(p -> inbound(p, "/eaif"));
    if (mm7.isEmpty() && eaif.isEmpty()) {
      s.problem("give mm7, eaif or both: the paths the MMSC posts to");
    }
    if (mm7.isPresent() && eaif.isPresent() && mm7.get().path().equals(eaif.get().path())) {
      s.problem("eaif", "the same path as mm7: " + mm7.get().path());
    }
    s.finish();
    return new DaemonConfig.HttpListener(bind, port, tls, max, mm7, eaif);
  }

  private static DaemonConfig.InboundPath inbound(Section s, String dflt) {
    String path = s.string("path", dflt);
    if (!path.startsWith("/") || path.contains("?") || path.contains(" ")) {
      s.problem("path", "'" + path + "' is not a path such as " + dflt);
    }
    List<DaemonConfig.Login> accounts = accounts(s);
    List<String> allowFrom = cidrs(s, "allowFrom");
    boolean open = s.bool("open", false);
    if (accounts.isEmpty() && !open && !s.has("accounts")) {
      s.problem(
          "accounts",
          "required: the logins the MMSC uses (name, passwordEnv, allowFrom), or open: true");
    }
    if (open && !accounts.isEmpty()) {
      s.problem("open", "open: true with accounts; give one or the other");
    }
    s.finish();
    return new DaemonConfig.InboundPath(path, accounts, allowFrom);
  }

  private static List<DaemonConfig.Login> accounts(Section s) {
    List<DaemonConfig.Login> out = new ArrayList<>();
    for (Section a : s.sections("accounts")) {
      String name = a.required("name");
      String pw = a.requiredSecret("password");
      List<String> allow = cidrs(a, "allowFrom");
      a.finish();
      if (name != null && pw != null) {
        DaemonConfig.Login login = new DaemonConfig.Login(name, pw, List.copyOf(allow));
        try {
          login.account();
          out.add(login);
        } catch (RuntimeException e) {
          a.problem(e.getMessage());
        }
      }
    }
    return out;
  }

  private static DaemonConfig.Mm4Listener mm4(
      Section s, Set<String> declared, Map<String, Connection> connections) {
    String bind = bindAddress(s, "0.0.0.0");
    int port = s.integer("port", 2525, 0, 65535);
    List<String> allowFrom = cidrs(s, "allowFrom");
    List<DaemonConfig.Login> accounts = accounts(s);
    Optional<DaemonConfig.Tls> tls = s.section("tls").map(ConfigReader::tls);
    boolean implicit = s.bool("implicitTls", false);
    if (implicit && tls.isEmpty()) {
      s.problem("implicitTls", "needs tls (keyStore, passwordEnv)");
    }
    Optional<String> replyVia = s.string("replyVia");
    if (replyVia.isPresent()) {
      Connection c = connections.get(replyVia.get());
      if (!declared.contains(replyVia.get())) {
        s.problem("replyVia", "no connection named " + replyVia.get());
      } else if (c != null && !c.via().equals("mm4")) {
        s.problem("replyVia", replyVia.get() + " is an " + c.via() + " connection, not mm4");
      }
    }
    Optional<String> host = s.string("hostName");
    long max = s.size("maxRequestSize").orElse(10L * 1024 * 1024);
    s.finish();
    return new DaemonConfig.Mm4Listener(
        bind, port, allowFrom, accounts, tls, implicit, replyVia, host, max);
  }

  private static DaemonConfig.Mm1Listener mm1(
      Section s, Set<String> declared, Map<String, Connection> connections) {
    String name = s.required("connection");
    if (name != null) {
      Connection c = connections.get(name);
      if (!declared.contains(name)) {
        s.problem("connection", "no connection named " + name);
      } else if (c != null && c.mm1() == null) {
        s.problem("connection", name + " is an " + c.via() + " connection, not mm1");
      } else if (c != null && c.mm1().serial().isEmpty()) {
        s.problem("connection", name + " has no serial port: a listener reads the modem's SMS");
      }
    }
    Duration scan = s.duration("scanInterval", Duration.ofSeconds(30));
    Path state =
        s.file("stateDirectory")
            .orElse(s.ctx.baseDir.resolve("mm1-state").resolve(name == null ? "-" : name));
    s.finish();
    return new DaemonConfig.Mm1Listener(name, scan, state);
  }

  private static DaemonConfig.Webhooks webhooks(Section s, DaemonConfig.Store store) {
    List<WebhookSettings.Target> targets = new ArrayList<>();
    for (Section t : s.sections("targets")) {
      URI url = ConnectionReader.url(t, "url", true);
      String secret = t.requiredSecret("secret");
      Set<WebhookSettings.Event> events = EnumSet.noneOf(WebhookSettings.Event.class);
      List<String> names = t.strings("events");
      for (String n : names) {
        Optional<WebhookSettings.Event> e = event(n);
        if (e.isEmpty()) {
          t.problem("events", "'" + n + "' is not message, deliveryReport, readReply or outcome");
        } else {
          events.add(e.get());
        }
      }
      if (names.isEmpty()) {
        events = EnumSet.allOf(WebhookSettings.Event.class);
      }
      t.finish();
      if (url != null && secret != null) {
        targets.add(new WebhookSettings.Target(url, secret, Set.copyOf(events)));
      }
    }
    long inline = s.size("inlineMaxBytes").orElse(64L * 1024);
    if (inline > Integer.MAX_VALUE / 2) {
      s.problem("inlineMaxBytes", "too large");
      inline = 64L * 1024;
    }
    Duration retention = s.duration("partRetention", Duration.ofDays(7));
    Duration first = s.duration("firstRetry", Duration.ofSeconds(10));
    Duration max = s.duration("maxRetry", Duration.ofHours(1));
    if (max.compareTo(first) < 0) {
      s.problem("maxRetry", "shorter than firstRetry (" + first + ")");
    }
    Duration requestTimeout = s.duration("requestTimeout", WebhookSettings.DEFAULT_REQUEST_TIMEOUT);
    if (targets.stream().map(WebhookSettings.Target::url).distinct().count() != targets.size()) {
      s.problem("targets", "two targets have the same url");
    }
    URI publicUrl = ConnectionReader.url(s, "publicUrl", false);
    Path sqlite =
        s.file("sqlite")
            .orElse(store.sqlite().resolveSibling(store.sqlite().getFileName() + "-webhooks.db"));
    s.finish();
    return new DaemonConfig.Webhooks(
        List.copyOf(targets),
        (int) inline,
        retention,
        first,
        max,
        requestTimeout,
        Optional.ofNullable(publicUrl),
        sqlite);
  }

  private static Optional<WebhookSettings.Event> event(String name) {
    String wanted =
        name.trim().replace("-", "").replace("_", "").toUpperCase(java.util.Locale.ROOT);
    for (WebhookSettings.Event e : WebhookSettings.Event.values()) {
      if (e.name().replace("_", "").equals(wanted)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
