package org.mmskit.gateway.daemon.internal.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteWebhooksTest extends OutboxContract {
  @TempDir Path dir;

  Path file() {
    return dir.resolve("webhooks.db");
  }

  @Override
  Webhooks open(WebhookSettings settings) {
    return Webhooks.sqlite(file(), settings, clock);
  }

  @Override
  void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=10000");
      s.execute(statement);
    }
  }

  @Override
  int countParts() throws Exception {
    int files;
    try (Stream<Path> list = Files.list(Path.of(file() + ".parts"))) {
      files = (int) list.count();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM mmsgwd_webhook_parts")) {
      rs.next();
      return files + rs.getInt(1);
    }
  }

  @Test
  void oneProcessAtATimeUsesTheFile() {
    Webhooks first = started(Samples.settings(NO_PARTS, receiver().uri()));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Webhooks.sqlite(file(), Samples.settings(NO_PARTS), clock));
    assertTrue(e.getMessage().contains("another process"), e.getMessage());
    first.close();
    open(Samples.settings(NO_PARTS)).close();
  }

  @Test
  void partFilesNoRowNamesAreRemovedOnOpening() throws IOException {
    Path parts = Path.of(file() + ".parts");
    Webhooks w = open(Samples.settings(NO_PARTS, receiver().uri()));
    w.message(Samples.message("kept", Samples.bytes(6, 3000)));
    w.close();
    Files.write(parts.resolve("unfinished.tmp"), new byte[10]);
    Files.write(parts.resolve("A".repeat(43)), new byte[10]);
    open(Samples.settings(NO_PARTS)).close();
    try (Stream<Path> list = Files.list(parts)) {
      List<String> left = list.map(p -> p.getFileName().toString()).toList();
      assertEquals(1, left.size(), left::toString);
      assertTrue(PartsHandler.TOKEN.matcher(left.get(0)).matches());
      assertTrue(!left.get(0).equals("A".repeat(43)));
    }
  }

  @Test
  void expiredPartFilesAreRemoved() throws IOException {
    Webhooks w = open(Samples.settings(NO_PARTS, receiver().uri()));
    try {
      w.message(Samples.message("files", Samples.bytes(4, 3000), Samples.bytes(5, 3000)));
      Path parts = Path.of(file() + ".parts");
      try (Stream<Path> list = Files.list(parts)) {
        assertTrue(list.count() == 2);
      }
      clock.advance(Samples.RETENTION);
      w.purgeExpiredParts();
      try (Stream<Path> list = Files.list(parts)) {
        assertTrue(list.findAny().isEmpty());
      }
    } finally {
      w.close();
    }
  }
}
