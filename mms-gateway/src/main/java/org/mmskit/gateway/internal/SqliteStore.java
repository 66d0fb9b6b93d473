package org.mmskit.gateway.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.mmskit.core.MmsPart;
import org.mmskit.gateway.internal.jdbc.Transactions;

/**
 * The embedded store: one SQLite file in WAL mode, used by one process (a lock file next to it says
 * so), through one connection that every operation takes in turn, as SQLite has one writer anyway.
 * Bodies kept apart live as files in {@code <file>.bodies/}, written and forced to disk before the
 * transaction that names them commits.
 *
 * <p>{@code synchronous=NORMAL} loses nothing committed when the process is killed (the WAL is in
 * the OS's cache); {@code FULL} also survives power loss, at a few times the cost per commit.
 */
public final class SqliteStore extends JdbcStore {
  private final Connection connection;
  // fair: a busy submitter must not keep the sender threads from recording outcomes
  private final ReentrantLock lock = new ReentrantLock(true);

  /** The hot statements, prepared once on the one connection; used under {@link #lock}. */
  private final java.util.Map<String, java.sql.PreparedStatement> prepared =
      new java.util.HashMap<>();

  private final Path bodies;
  private final FileChannel lockChannel;
  private final FileLock fileLock;

  public SqliteStore(Path file, boolean powerSafe) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      this.bodies = Path.of(file + ".bodies");
      Files.createDirectories(bodies);
      this.lockChannel =
          FileChannel.open(
              Path.of(file + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock held;
      try {
        held = lockChannel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        held = null;
      }
      this.fileLock = held;
      if (fileLock == null) {
        lockChannel.close();
        throw new IllegalStateException(
            file + " is used by another process or gateway; an SQLite store serves one");
      }
      this.connection = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=" + (powerSafe ? "FULL" : "NORMAL"));
        s.execute("PRAGMA busy_timeout=10000");
      }
      connection.setAutoCommit(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the store " + file, e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the store " + file, e);
    }
    migrate();
    // the lock file says no other process uses the file: whatever it was sending when it stopped
    // had an unknown outcome, and is sent again now rather than when a lease runs out
    update(
        "UPDATE mmsgw_jobs SET state = 'QUEUED', in_doubt = 1, lease_owner = NULL,"
            + " lease_until = NULL WHERE state = 'SENDING'");
    // and the outcomes it was telling are told again now
    update(
        "UPDATE mmsgw_outcomes SET lease_owner = NULL, due_at = 0 WHERE lease_owner IS NOT NULL");
  }

  @Override
  <T> T inTransaction(Tx<T> work) {
    lock.lock();
    try {
      return Transactions.run(connection, work::run);
    } catch (SQLException e) {
      throw new StoreException(e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  java.sql.PreparedStatement prepare(Connection c, String sql) throws SQLException {
    java.sql.PreparedStatement s = prepared.get(sql);
    if (s == null) {
      s = c.prepareStatement(sql);
      prepared.put(sql, s);
    }
    return s;
  }

  @Override
  void done(java.sql.PreparedStatement s) throws SQLException {
    s.clearParameters();
  }

  @Override
  String skipLocked() {
    return ""; // one claimer at a time: nothing to pass over;
  }

  @Override
  String lockRows() {
    return ""; // one writer at a time: nothing to order
  }

  @Override
  String claimSql() {
    return "UPDATE mmsgw_jobs SET state = 'SENDING', lease_owner = ?, lease_until = ?,"
        + " attempts = attempts + 1 WHERE id IN (SELECT id FROM mmsgw_jobs WHERE route = ?"
        + " AND state = 'QUEUED' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?)"
        + " RETURNING "
        + CLAIMED_COLUMNS;
  }

  @Override
  void saveBody(Connection c, String ref, MmsPart part) {
    Path target = bodies.resolve(ref);
    if (Files.exists(target)) {
      return;
    }
    try {
      Path tmp = Files.createTempFile(bodies, ref, ".tmp");
      try (InputStream in = part.openStream();
          FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
        in.transferTo(out);
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel d = FileChannel.open(bodies, StandardOpenOption.READ)) {
        d.force(true);
      } catch (IOException e) {
        // some file systems cannot sync a directory; the file itself is on disk
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store a part body in " + bodies, e);
    }
  }

  @Override
  void deleteEndedBodies(long cutoff) {
    Map<String, List<Path>> byMessage = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(bodies)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        int dash = name.lastIndexOf('-');
        if (dash > 0) {
          byMessage.computeIfAbsent(name.substring(0, dash), k -> new ArrayList<>()).add(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + bodies, e);
    }
    for (Map.Entry<String, List<Path>> e : byMessage.entrySet()) {
      // a body is written before the transaction naming it commits: one without a message is
      // deleted only when it is old enough that no enqueue can still be writing it
      boolean ended = purge.ended(e.getKey());
      for (Path f : e.getValue()) {
        try {
          if (ended
              || (Files.getLastModifiedTime(f).toMillis() < cutoff && purge.unknown(e.getKey()))) {
            Files.deleteIfExists(f);
          }
        } catch (IOException x) {
          throw new UncheckedIOException("cannot delete " + f, x);
        }
      }
    }
  }

  @Override
  public MmsPart.BodySource openBody(String ref) {
    Path file = bodies.resolve(ref);
    return () -> Files.newInputStream(file);
  }

  @Override
  String dialect() {
    return "sqlite";
  }

  @Override
  void lockSchema(Connection c) {
    // one process per file: the lock file already excludes others
  }

  @Override
  public RateLimiter rateLimiter(String route, int perSecond) {
    return RateLimiter.local(perSecond);
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
      fileLock.release();
      lockChannel.close();
    } catch (SQLException | IOException e) {
      throw new StoreException(e);
    } finally {
      lock.unlock();
    }
  }
}
