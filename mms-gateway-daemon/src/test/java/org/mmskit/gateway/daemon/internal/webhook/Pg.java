package org.mmskit.gateway.daemon.internal.webhook;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL the tests use, found as mms-gateway's tests find it: {@code MMSKIT_PG_URL}
 * (property {@code mmskit.pg.url}, default {@code jdbc:postgresql://127.0.0.1:5432/mmskit}), user
 * and password {@code mmskit} ({@code MMSKIT_PG_USER}, {@code MMSKIT_PG_PASSWORD}). Each use has a
 * schema of its own, dropped on close; without a server the test is skipped saying why.
 */
final class Pg implements AutoCloseable {
  static final String URL =
      setting("mmskit.pg.url", "MMSKIT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/mmskit");
  static final String USER = setting("mmskit.pg.user", "MMSKIT_PG_USER", "mmskit");
  static final String PASSWORD = setting("mmskit.pg.password", "MMSKIT_PG_PASSWORD", "mmskit");

  final String schema;
  private final HikariDataSource pool;

  private Pg(String schema) {
    this.schema = schema;
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    c.setUsername(USER);
    c.setPassword(PASSWORD);
    c.setMaximumPoolSize(8);
    c.setPoolName("webhooks-" + schema);
    this.pool = new HikariDataSource(c);
  }

  static Pg fresh() {
    String schema = "wh" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
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
    return new Pg(schema);
  }

  HikariDataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop the test schema " + schema, e);
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
