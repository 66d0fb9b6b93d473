package org.mmskit.gateway.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.testkit.MockMmsc;

/**
 * A daemon whose configuration names a PostgreSQL store: the queue and the webhook outbox live in
 * its tables. Uses {@code MMSKIT_PG_URL}, {@code MMSKIT_PG_USER}, {@code MMSKIT_PG_PASSWORD} (the
 * defaults of mms-gateway's tests) in a schema of its own; skipped, saying why, without a server.
 */
class PostgresStoreTest {
  static final String URL = setting("MMSKIT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/mmskit");
  static final String USER = setting("MMSKIT_PG_USER", "mmskit");
  static final String PASSWORD = setting("MMSKIT_PG_PASSWORD", "mmskit");

  @TempDir Path dir;

  private static String setting(String env, String dflt) {
    String v = System.getenv(env);
    return v == null || v.isEmpty() ? dflt : v;
  }

  @Test
  void theQueueAndTheOutboxLiveInPostgresql() throws Exception {
    String schema = "daemon" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      Assumptions.abort(
          "PostgreSQL not reachable at " + URL + " as " + USER + " (" + e.getMessage() + ")");
    }
    try (MockMmsc mmsc = MockMmsc.start();
        HookReceiver hooks = new HookReceiver()) {
      Path config = dir.resolve("gateway.yaml");
      Files.writeString(
          config,
          """
          api:
            port: 0
            keys: [{name: tests, keyEnv: API_KEY}]
          store:
            postgresql:
              url: %s
              user: %s
              passwordEnv: PG_PASSWORD
              maxPoolSize: 4
          connections:
            mock: {via: mm7, url: "%s"}
          webhooks:
            targets:
              - url: %s
                secretEnv: HOOK_SECRET
          """
              .formatted(
                  URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                  USER,
                  mmsc.mm7Uri(),
                  hooks.uri()));
      Map<String, String> env =
          Map.of("API_KEY", Api.KEY, "PG_PASSWORD", PASSWORD, "HOOK_SECRET", HookReceiver.SECRET);
      try (GatewayDaemon d = GatewayDaemon.start(config, env::get)) {
        Api api = new Api(d.apiUri());
        Api.Answer a = api.postJson("{\"to\": \"+15551230001\", \"text\": \"over PostgreSQL\"}");
        assertEquals(202, a.status(), a.body());
        String id = a.json().get("trackingId").asText();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> hooks.trackingIds("outcome").contains(id));
        assertEquals("SENT", api.get("/v1/messages/" + id).json().get("state").asText());
      }
      assertEquals(1, mmsc.submissions().size());
      try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
          Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                      + schema
                      + "' AND table_name LIKE 'mmsgw_%'")) {
        r.next();
        org.junit.jupiter.api.Assertions.assertTrue(
            r.getInt(1) > 0, "the gateway's tables are in the schema");
      }
    } finally {
      try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }
}
