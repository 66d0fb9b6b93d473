package org.mmskit.gateway.daemon.internal.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.mmskit.gateway.internal.jdbc.Transactions;
import org.mmskit.server.InboundResponse;

/**
 * The outbox in an SQLite file of its own, used by one process (a lock file next to it says so), in
 * WAL mode with {@code synchronous=NORMAL}: a committed event survives {@code kill -9}. Large part
 * bodies are files in {@code <file>.parts/}, forced to disk before the transaction naming them
 * commits.
 */
final class SqliteOutbox extends Outbox {
  private final Path parts;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock(true);
  private final FileChannel lockChannel;
  private final FileLock fileLock;

  SqliteOutbox(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      this.parts = Path.of(file + ".parts");
      Files.createDirectories(parts);
      this.lockChannel =
          FileChannel.open(
              Path.of(file + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock held;
      try {
        held = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        held = null;
      }
      if (held == null) {
        lockChannel.close();
        throw new IllegalStateException(
            file + " is used by another process; an SQLite webhook outbox serves one");
      }
      this.fileLock = held;
      this.connection = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=10000");
      }
      connection.setAutoCommit(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the webhook outbox " + file, e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the webhook outbox " + file, e);
    }
    try {
      migrate();
      removeStrayFiles();
      // no other process uses the file: leases left by the last run are void, their POSTs over
      update(
          "UPDATE mmsgwd_webhook_outbox SET lease_owner = NULL, lease_until = NULL"
              + " WHERE lease_owner IS NOT NULL");
    } catch (RuntimeException e) {
      try {
        close();
      } catch (RuntimeException c) {
        e.addSuppressed(c);
      }
      throw e;
    }
  }

  /**
   * Deletes part files no row names: written for a transaction that did not commit, or purged when
   * the process stopped before it removed them.
   */
  private void removeStrayFiles() {
    Set<String> known =
        inTransaction(
            c -> {
              Set<String> out = new HashSet<>();
              try (Statement s = c.createStatement();
                  ResultSet rs = s.executeQuery("SELECT token FROM mmsgwd_webhook_parts")) {
                while (rs.next()) {
                  out.add(rs.getString(1));
                }
              }
              return out;
            });
    List<String> stray;
    try (Stream<Path> files = Files.list(parts)) {
      stray =
          files.map(f -> f.getFileName().toString()).filter(name -> !known.contains(name)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + parts, e);
    }
    bodiesPurged(stray);
  }

  @Override
  <T> T inTransaction(Tx<T> work) {
    lock.lock();
    try {
      return Transactions.run(connection, work::run);
    } catch (SQLException e) {
      throw new StoreFailure("the webhook outbox failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  void store(
      String eventId,
      String type,
      long now,
      List<String> targets,
      byte[] body,
      List<NewPart> newParts,
      long partsExpireAt) {
    try {
      super.store(eventId, type, now, targets, body, newParts, partsExpireAt);
    } catch (RuntimeException e) {
      bodiesPurged(newParts.stream().map(NewPart::token).toList());
      throw e;
    }
  }

  @Override
  String claimSql() {
    return "UPDATE mmsgwd_webhook_outbox SET lease_owner = ?, lease_until = ? WHERE id IN"
        + " (SELECT id FROM mmsgwd_webhook_outbox WHERE target = ? AND next_attempt_at <= ?"
        + " AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at, id LIMIT ?)"
        + " RETURNING "
        + CLAIMED;
  }

  @Override
  void saveBody(Connection c, NewPart part) {
    Path target = parts.resolve(part.token());
    try {
      Path tmp = Files.createTempFile(parts, part.token(), ".tmp");
      try (InputStream in = part.source().openStream();
          FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(ch)) {
        in.transferTo(out);
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel d = FileChannel.open(parts, StandardOpenOption.READ)) {
        d.force(true);
      } catch (IOException e) {
        // some file systems cannot sync a directory; the file itself is on disk
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store a part in " + parts, e);
    }
  }

  @Override
  Optional<InboundResponse.BodyWriter> body(String token) {
    Path file = parts.resolve(token);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(
        out -> {
          try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
          }
        });
  }

  @Override
  void bodiesPurged(List<String> tokens) {
    for (String token : tokens) {
      try {
        Files.deleteIfExists(parts.resolve(token));
      } catch (NoSuchFileException e) {
        // already gone
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove an expired part from " + parts, e);
      }
    }
  }

  @Override
  String dialect() {
    return "sqlite";
  }

  @Override
  void lockSchema(Connection c) {
    // one process per file: the lock file already keeps others out
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
      fileLock.release();
      lockChannel.close();
    } catch (SQLException | IOException e) {
      throw new StoreFailure("cannot close the webhook outbox", e);
    } finally {
      lock.unlock();
    }
  }
}
