package org.mmskit.gateway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL the tests use: {@code MMSKIT_PG_URL} (system property {@code mmskit.pg.url}),
 * default {@code jdbc:postgresql://127.0.0.1:5432/mmskit}, user and password {@code mmskit} ({@code
 * MMSKIT_PG_USER}, {@code MMSKIT_PG_PASSWORD}); {@code .ci/postgres-setup} makes it. Each use gets
 * a schema of its own, dropped on close.
 */
final class Postgres implements AutoCloseable {
  static final String URL =
      setting("mmskit.pg.url", "MMSKIT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/mmskit");
  static final String USER = setting("mmskit.pg.user", "MMSKIT_PG_USER", "mmskit");
  static final String PASSWORD = setting("mmskit.pg.password", "MMSKIT_PG_PASSWORD", "mmskit");

  final String schema;
  final String url;
  private final HikariDataSource pool;

  private Postgres(String schema) {
    this.schema = schema;
    this.url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    c.setUsername(USER);
    c.setPassword(PASSWORD);
    c.setMaximumPoolSize(16);
    c.setPoolName("pg-" + schema);
    this.pool = new HikariDataSource(c);
  }

  /** A fresh schema, or the test is skipped saying what is missing. */
  static Postgres fresh() {
    String schema = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      Assumptions.abort(
          "PostgreSQL not reachable at "
              + URL
              + " as "
              + USER
              + " ("
              + e.getMessage()
              + "): run .ci/postgres-setup or set MMSKIT_PG_URL / MMSKIT_PG_USER /"
              + " MMSKIT_PG_PASSWORD");
    }
    return new Postgres(schema);
  }

  GatewayStore store() {
    return GatewayStore.postgresql(pool);
  }

  HikariDataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + schema.toLowerCase(Locale.ROOT) + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test schema " + schema, e);
    }
  }

  private static String setting(String property, String env, String fallback) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = System.getenv(env);
    }
    return v == null || v.isBlank() ? fallback : v;
  }
}
