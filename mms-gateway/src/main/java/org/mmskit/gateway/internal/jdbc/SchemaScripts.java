package org.mmskit.gateway.internal.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Tables created and migrated by versioned SQL scripts ({@code <dialect>-1.sql}, {@code -2.sql},
 * ...), applied in order, each version recorded in a table of its own so that a store newer than
 * the code is refused rather than misread.
 *
 * @param versionTable the table recording applied versions
 * @param latest the version this code writes and reads
 * @param scripts opens a script by file name, or gives null when it is missing; the caller opens
 *     its own resources, since a module's resources are its own
 * @param what names the store in errors
 */
public record SchemaScripts(
    String versionTable, int latest, Function<String, InputStream> scripts, String what) {

  /**
   * Brings the tables to {@link #latest} with the scripts {@code <dialect>-N.sql}, inside the
   * caller's transaction (and after its lock, where instances may start together).
   */
  public void migrate(Connection c, String dialect) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + versionTable + " (version INTEGER NOT NULL)");
      int current = 0;
      try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM " + versionTable)) {
        if (rs.next()) {
          current = rs.getInt(1);
        }
      }
      if (current > latest) {
        throw new IllegalStateException(
            what
                + " has schema version "
                + current
                + " but this MMSKit knows versions up to "
                + latest
                + ": use a newer MMSKit");
      }
      for (int v = current + 1; v <= latest; v++) {
        for (String sql : statements(dialect + "-" + v + ".sql")) {
          s.execute(sql);
        }
        s.execute("INSERT INTO " + versionTable + " (version) VALUES (" + v + ")");
      }
    }
  }

  private List<String> statements(String name) {
    try (InputStream in = scripts.apply(name)) {
      if (in == null) {
        throw new IllegalStateException("schema script missing: " + name);
      }
      String text =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
              .lines()
              .filter(l -> !l.trim().startsWith("--"))
              .collect(Collectors.joining("\n"));
      List<String> out = new ArrayList<>();
      for (String s : text.split(";")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
