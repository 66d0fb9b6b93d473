package org.mmskit.gateway.daemon.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.gateway.Route;
import org.mmskit.gateway.daemon.internal.webhook.WebhookSettings;
import org.mmskit.mm1.ModemWay;

class ConfigReaderTest {
  @TempDir Path dir;

  private static final Map<String, String> ENV =
      Map.of(
          "API_KEY", "0123456789abcdef-app",
          "MM7_PASSWORD", "mm7-secret",
          "MMSC_IN_PASSWORD", "inbound-secret",
          "WEBHOOK_SECRET", "whsec",
          "PG_PASSWORD", "pg-secret");

  private DaemonConfig read(String yaml) {
    return ConfigReader.read(yaml, dir.resolve("gateway.yaml"), ENV::get);
  }

  private List<String> problems(String yaml) {
    return assertThrows(ConfigException.class, () -> read(yaml)).problems();
  }

  @Test
  void readsEveryPartOfAFullConfiguration() throws IOException {
    Files.writeString(dir.resolve("mm4-password"), "smtp-secret\nignored second line\n");
    DaemonConfig c =
        read(
            """
            api:
              port: 8080
              bindAddress: 127.0.0.1
              maxRequestSize: 8MiB
              keys:
                - name: app
                  keyEnv: API_KEY
              fetch:
                maxBytes: 2MiB
                timeout: 5s
                allowHosts: [10.1.0.0/16, cdn.internal.example, "::1"]
            store:
              sqlite: data/outbox.db
              retention: 30d
            connections:
              operator-a:
                via: mm7
                url: https://mmsc.example/mm7
                vaspId: vasp
                vasId: service
                serviceCode: "1234"
                user: login
                passwordEnv: MM7_PASSWORD
                namespace: REL-5-MM7-1-2
                mm7Version: 5.3.0
                dialect: ericsson
                timeout: 10s
                maxConnections: 16
              operator-b:
                via: eaif
                url: http://eaif.example/eaif
              peer:
                via: mm4
                smtpHost: mm4.peer.example
                starttls: true
                smtpUser: login
                passwordFile: mm4-password
                originatorSystem: mms@mms.example
                recipientDomain: mms.peer.example
              modem:
                via: mm1
                mmscUrl: http://mms.operator.example/mms
                serial: /dev/ttyUSB2
                modem: simcom
                apn: mms
                proxy: 10.0.0.172:80
            routes:
              - name: germany
                connection: operator-a
                prefixes: ["+49", "0049"]
                messagesPerSecond: 50
                maxConcurrency: 16
                defaultSender: "12345"
                allowSenderOverride: false
              - name: rest
                connection: operator-b
            retry:
              initialDelay: 30s
              maxDelay: 30m
              maxAttempts: 20
              maxAge: 1d
            listeners:
              http:
                port: 8081
                mm7:
                  accounts:
                    - name: mmsc
                      passwordEnv: MMSC_IN_PASSWORD
                      allowFrom: [203.0.113.0/24]
                eaif:
                  path: /eaif
                  open: true
                  allowFrom: 198.51.100.7
              mm4:
                port: 2525
                replyVia: peer
              mm1:
                - connection: modem
                  scanInterval: 1m
            webhooks:
              targets:
                - url: https://app.example/mms
                  secretEnv: WEBHOOK_SECRET
                  events: [message, deliveryReport]
              inlineMaxBytes: 32KiB
              partRetention: 2d
            """);
    assertEquals(8080, c.api().port());
    assertEquals(8L << 20, c.api().maxRequestSize());
    assertEquals("0123456789abcdef-app", c.api().keys().get(0).key());
    assertEquals(2L << 20, c.api().fetchMaxBytes());
    assertEquals(Duration.ofSeconds(5), c.api().fetchTimeout());
    assertEquals(List.of("10.1.0.0/16", "cdn.internal.example", "::1"), c.api().fetchAllow());
    assertEquals(dir.resolve("data/outbox.db"), c.store().sqlite());
    assertEquals(Duration.ofDays(30), c.store().retention());
    assertEquals(
        List.of("operator-a", "operator-b", "peer", "modem"),
        List.copyOf(c.connections().keySet()).stream()
            .sorted((a, b) -> order(a) - order(b))
            .toList());
    assertEquals("mm7", c.connections().get("operator-a").via());
    assertEquals("mm4", c.connections().get("peer").via());
    DaemonConfig.Mm1 mm1 = c.connections().get("modem").mm1();
    assertEquals(ModemWay.SIMCOM, mm1.way());
    assertEquals("http://10.0.0.172:80", mm1.proxy().orElseThrow().toString());
    Route germany = c.routes().get(0);
    assertEquals(List.of("+49", "0049"), germany.prefixes());
    assertEquals(50, germany.messagesPerSecond());
    assertFalse(germany.allowSenderOverride());
    assertTrue(c.routes().get(1).isDefault());
    assertEquals(Duration.ofMinutes(30), c.retry().maxDelay());
    assertEquals(Duration.ofDays(1), c.retry().maxAge());
    DaemonConfig.HttpListener http = c.httpListener().orElseThrow();
    assertEquals("/mm7", http.mm7().orElseThrow().path());
    assertEquals("inbound-secret", http.mm7().get().accounts().get(0).password());
    assertTrue(http.mm7().get().accounts().get(0).account().passwordMatches("inbound-secret"));
    assertTrue(http.eaif().orElseThrow().accounts().isEmpty());
    assertEquals(List.of("198.51.100.7"), http.eaif().get().allowFrom());
    assertEquals("peer", c.mm4Listener().orElseThrow().replyVia().orElseThrow());
    assertEquals(Duration.ofMinutes(1), c.mm1Listeners().get(0).scanInterval());
    assertEquals(dir.resolve("mm1-state/modem"), c.mm1Listeners().get(0).stateDirectory());
    WebhookSettings.Target t = c.webhooks().targets().get(0);
    assertEquals("whsec", t.secret());
    assertEquals(
        java.util.Set.of(WebhookSettings.Event.MESSAGE, WebhookSettings.Event.DELIVERY_REPORT),
        t.events());
    assertEquals(32 * 1024, c.webhooks().inlineMaxBytes());
    assertEquals(dir.resolve("data/outbox.db-webhooks.db"), c.webhooks().sqlite());
    assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    // the clients are built when the daemon starts; the MM4 password came from the file's first
    // line
    assertEquals(
        "Mm4Client", c.connections().get("peer").client().get().getClass().getSimpleName());
  }

  private static int order(String name) {
    return List.of("operator-a", "operator-b", "peer", "modem").indexOf(name);
  }

  @Test
  void oneConnectionWithoutRoutesIsTheDefaultRoute() {
    DaemonConfig c =
        read(
            """
            api:
              keys: [{name: app, keyEnv: API_KEY}]
            connections:
              only:
                via: mm7
                url: http://127.0.0.1:9000/mm7
            """);
    assertEquals(1, c.routes().size());
    assertTrue(c.routes().get(0).isDefault());
    assertEquals("only", c.routes().get(0).connection());
    assertEquals(dir.resolve("gateway.db"), c.store().sqlite());
    assertEquals(Duration.ofDays(15), c.store().retention());
    assertTrue(c.httpListener().isEmpty());
  }

  @Test
  void listsEveryProblemWithItsKeyAndLine() {
    List<String> p =
        problems(
            """
            api:
              port: 99999
              keys:
                - name: app
                  keyEnv: NOT_SET
            connections:
              a:
                via: mm7
                url: ftp://mmsc.example/mm7
                pasword: x
              b:
                via: smpp
              c:
                via: mm4
                smtpHost: h
            routes:
              - name: r1
                connection: nowhere
                messagesPerSecond: fast
                prefixes: "+49"
              - name: r2
                connection: a
              - name: r3
                connection: a
            retry:
              initialDelay: soon
            listeners:
              http:
                mm7:
                  accounts:
                    - name: mmsc
                      allowFrom: [300.1.2.3/8]
            webhooks:
              targets:
                - url: https://app.example/mms
                  events: [message, sms]
            """);
    List<String> expected =
        List.of(
            "line 2: api.port: 99999 is out of range (0 to 65535)",
            "line 5: api.keys[0].keyEnv: the environment variable NOT_SET is not set",
            "line 9: connections.a.url: 'ftp://mmsc.example/mm7' is not an http:// or https:// URL",
            "line 10: connections.a.pasword: unknown key (did you mean password?)",
            "line 12: connections.b.via: 'smpp' is not one of mm7, eaif, mm4, mm1",
            "line 13: connections.c.originatorSystem: required",
            "line 13: connections.c.recipientDomain: required",
            "line 18: routes[0].connection: no connection named nowhere (known: [a, b, c])",
            "line 19: routes[0].messagesPerSecond: 'fast' is not a whole number",
            "line 23: routes[2].prefixes: a second default route (no prefixes); the first is r2",
            "line 26: retry.initialDelay: 'soon' is not a duration: write 500ms, 30s, 10m, 2h or 7d",
            "line 32: listeners.http.mm7.accounts[0].allowFrom: '300.1.2.3/8' is not an address");
    for (String e : expected) {
      assertTrue(p.stream().anyMatch(x -> x.startsWith(e)), "missing: " + e + "\nin: " + p);
    }
    assertTrue(
        p.stream()
            .anyMatch(
                x -> x.startsWith("line 31: listeners.http.mm7.accounts[0].password: required")),
        p.toString());
    assertTrue(
        p.stream().anyMatch(x -> x.startsWith("line 36: webhooks.targets[0].events: 'sms' is not")),
        p.toString());
    assertTrue(
        p.stream().anyMatch(x -> x.startsWith("line 35: webhooks.targets[0].secret: required")),
        p.toString());
    assertEquals(expected.size() + 3, p.size(), String.join("\n", p));
  }

  @Test
  void aYamlSyntaxErrorNamesItsLine() {
    List<String> p =
        problems(
            """
            api:
              port: 8080
              keys: [unclosed
            connections: {}
            """);
    assertEquals(1, p.size());
    assertTrue(p.get(0).startsWith("line 4: not valid YAML"), p.get(0));
  }

  @Test
  void aFetchAllowEntryIsAHostNameOrAnAddressOrRange() {
    List<String> p =
        problems(
            """
            api:
              keys: [{name: a, key: 0123456789abcdef}]
              fetch:
                allowHosts: [files.example, 10.0.0.0/33, "not a host", "fe80::1::2"]
            connections:
              a: {via: mm7, url: "http://mmsc.example/mm7"}
            """);
    assertEquals(3, p.size(), p.toString());
    assertEquals(
        "line 4: api.fetch.allowHosts: '10.0.0.0/33' is not an address or range: prefix length"
            + " above 32 in 10.0.0.0/33",
        p.get(0));
    assertEquals(
        "line 4: api.fetch.allowHosts: 'not a host' is neither a host name nor an address or range",
        p.get(1));
    assertTrue(
        p.get(2).startsWith("line 4: api.fetch.allowHosts: 'fe80::1::2' is not an address"),
        p.get(2));
  }

  @Test
  void anMm4RouteWithoutADefaultSenderIsWarnedAbout() {
    String peer =
        """
          peer:
            via: mm4
            smtpHost: mm4.peer.example
            originatorSystem: mms@gw.example
            recipientDomain: mms.peer.example
        """;
    DaemonConfig routed =
        read(
            """
            api:
              keys: [{name: app, keyEnv: API_KEY}]
            connections:
            %s  mm7:
                via: mm7
                url: http://127.0.0.1:9000/mm7
            routes:
              - name: to-peer
                connection: peer
                prefixes: ["+44"]
              - name: rest
                connection: mm7
            """
                .formatted(peer));
    assertEquals(
        List.of(
            "line 13: routes[0].defaultSender: not set; MM4 needs a sender: a message sent without"
                + " from fails"),
        routed.warnings());
    DaemonConfig alone =
        read(
            """
            api:
              keys: [{name: app, keyEnv: API_KEY}]
            connections:
            %s"""
                .formatted(peer));
    assertEquals(1, alone.warnings().size(), alone.warnings().toString());
    assertTrue(
        alone.warnings().get(0).startsWith("line 4: connections.peer: MM4 needs a sender"),
        alone.warnings().toString());
  }

  @Test
  void aKeyGivenTwiceAndAnEmptyFileAreProblems() {
    List<String> p =
        problems(
            """
            api:
              port: 1
              port: 2
            """);
    assertTrue(p.get(0).startsWith("line 3: api.port: given twice (also on line 2)"), p.toString());
    List<String> empty = problems("");
    assertTrue(empty.stream().anyMatch(x -> x.contains("connections: required")), empty.toString());
    assertTrue(empty.stream().anyMatch(x -> x.contains("api.keys: required")), empty.toString());
  }

  @Test
  void secretsComeFromTheEnvironmentOrAFileAndInlineOnesAreWarnedAbout() throws IOException {
    Files.writeString(dir.resolve("key"), "from-a-file-0123456789\n");
    DaemonConfig c =
        read(
            """
            api:
              keys:
                - {name: file, keyFile: key}
                - {name: env, keyEnv: API_KEY}
                - {name: inline, key: written-in-the-file-0123}
            connections:
              a: {via: eaif, url: "http://127.0.0.1:1/eaif"}
            """);
    assertEquals(
        List.of("from-a-file-0123456789", "0123456789abcdef-app", "written-in-the-file-0123"),
        c.api().keys().stream().map(DaemonConfig.ApiKey::key).toList());
    assertEquals(1, c.warnings().size());
    assertTrue(
        c.warnings()
            .get(0)
            .startsWith("line 5: api.keys[2].key is written in the configuration file"),
        c.warnings().toString());
    assertFalse(c.api().keys().toString().contains("0123456789abcdef-app"), "keys do not print");
    List<String> p =
        problems(
            """
            api:
              keys:
                - {name: both, keyEnv: API_KEY, keyFile: key}
                - {name: short, keyEnv: MM7_PASSWORD}
                - {name: missing, keyFile: nowhere}
            connections:
              a: {via: eaif, url: "http://127.0.0.1:1/eaif"}
            """);
    assertEquals(3, p.size(), p.toString());
    assertTrue(
        p.get(0).startsWith("line 3: api.keys[0].key: give one of key, keyEnv and keyFile"),
        p.toString());
    assertTrue(p.get(1).startsWith("line 4: api.keys[1].key: too short"), p.toString());
    assertTrue(p.get(2).startsWith("line 5: api.keys[2].keyFile: cannot read"), p.toString());
  }

  @Test
  void readsAPostgresqlStore() {
    DaemonConfig c =
        read(
            """
            api:
              keys: [{name: app, keyEnv: API_KEY}]
            store:
              postgresql:
                url: jdbc:postgresql://127.0.0.1:5432/mmskit
                user: mmskit
                passwordEnv: PG_PASSWORD
                maxPoolSize: 4
            connections:
              a: {via: mm7, url: "http://127.0.0.1:1/mm7"}
            """);
    DaemonConfig.Postgres pg = c.store().postgres().orElseThrow();
    assertEquals("jdbc:postgresql://127.0.0.1:5432/mmskit", pg.url());
    assertEquals("pg-secret", pg.password().orElseThrow());
    assertEquals(4, pg.maxPoolSize());
    List<String> p =
        problems(
            """
            api:
              keys: [{name: app, keyEnv: API_KEY}]
            store:
              sqlite: a.db
              postgresql:
                url: mysql://x
            connections:
              a: {via: mm7, url: "http://127.0.0.1:1/mm7"}
            """);
    assertEquals(
        List.of(
            "line 3: store: give sqlite or postgresql, not both",
            "line 6: store.postgresql.url: expected jdbc:postgresql://HOST:PORT/DATABASE"),
        p);
  }
}
