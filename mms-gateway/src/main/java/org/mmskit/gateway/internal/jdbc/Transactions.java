package org.mmskit.gateway.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Work done in one JDBC transaction: committed when it returns, rolled back when it throws. */
public final class Transactions {
  private Transactions() {}

  /** What runs inside the transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} on a connection already in manual-commit mode. */
  public static <T> T run(Connection c, Work<T> work) throws SQLException {
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      throw e;
    }
  }

  /**
   * Runs {@code work} on a connection of its own from the pool, whose auto-commit mode is put back
   * before it returns to the pool.
   */
  public static <T> T run(DataSource dataSource, Work<T> work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        return run(c, work);
      } finally {
        c.setAutoCommit(auto);
      }
    }
  }
}
