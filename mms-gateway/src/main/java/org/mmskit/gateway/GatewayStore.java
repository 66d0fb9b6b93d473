package org.mmskit.gateway;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.mmskit.gateway.internal.PostgresStore;
import org.mmskit.gateway.internal.SqliteStore;
import org.mmskit.gateway.internal.Store;

/**
 * Where a gateway keeps its queue, history and report index. The tables are created, and migrated
 * by later versions, when the gateway starts.
 *
 * <ul>
 *   <li>{@link #sqlite(Path)}: one file for one process, the default; what was acknowledged
 *       survives the process being killed.
 *   <li>{@link #postgresql(DataSource)}: several application instances share one queue, one rate
 *       limit per route and one report index.
 * </ul>
 */
public final class GatewayStore {
  private final Supplier<Store> opener;
  private final String description;

  private GatewayStore(Supplier<Store> opener, String description) {
    this.opener = opener;
    this.description = description;
  }

  /**
   * An SQLite file (created when missing) in WAL mode; large part bodies are kept as files in
   * {@code <file>.bodies/}. Commits survive the process being killed; see {@link #sqlite(Path,
   * boolean)} to survive power loss too.
   */
  public static GatewayStore sqlite(Path file) {
    return sqlite(file, false);
  }

  /**
   * An SQLite file; with {@code powerSafe} every commit is forced to disk ({@code
   * synchronous=FULL}), so it survives power loss, at a few times the cost per message.
   */
  public static GatewayStore sqlite(Path file, boolean powerSafe) {
    Objects.requireNonNull(file, "file");
    return new GatewayStore(() -> new SqliteStore(file, powerSafe), "sqlite:" + file);
  }

  /**
   * A PostgreSQL database (9.5 or later) reached through the application's data source, which
   * should pool connections (e.g. HikariCP) since the gateway uses one per operation. Tables are
   * prefixed {@code mmsgw_}.
   */
  public static GatewayStore postgresql(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new GatewayStore(() -> new PostgresStore(dataSource), "postgresql");
  }

  Store open() {
    return opener.get();
  }

  @Override
  public String toString() {
    return description;
  }
}
