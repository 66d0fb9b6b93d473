package org.mmskit.gateway.daemon.internal.webhook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresWebhooksTest extends OutboxContract {
  Pg pg;

  @BeforeEach
  void schema() {
    pg = Pg.fresh();
  }

  @AfterEach
  void dropSchema() throws Exception {
    closeAll();
    pg.close();
  }

  @Override
  Webhooks open(WebhookSettings settings) {
    return Webhooks.postgresql(pg.dataSource(), settings, clock);
  }

  @Override
  void sql(String statement) throws Exception {
    try (Connection c = pg.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  @Override
  int countParts() throws Exception {
    try (Connection c = pg.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM mmsgwd_webhook_parts")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void instancesSharingTheOutboxPostEachEventOnce() {
    Receiver r = receiver();
    WebhookSettings s = Samples.settings(NO_PARTS, r.uri());
    Webhooks a = started(s);
    Webhooks b = started(s);
    for (int i = 0; i < 30; i++) {
      (i % 2 == 0 ? a : b).message(Samples.message("shared-" + i));
    }
    await().atMost(WAIT).until(() -> a.pending() == 0);
    assertEquals(30, r.acceptedIds().size());
    assertEquals(30, r.hits.size(), "no event POSTed twice");
  }
}
