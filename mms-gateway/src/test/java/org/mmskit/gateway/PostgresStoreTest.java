package org.mmskit.gateway;

import org.junit.jupiter.api.AfterEach;
import org.mmskit.gateway.internal.Store;

class PostgresStoreTest extends StoreContract {
  private Postgres pg;

  @Override
  Store open() {
    pg = Postgres.fresh();
    return pg.store().open();
  }

  @Override
  Store reopen() {
    return pg.store().open();
  }

  @AfterEach
  void dropSchema() {
    if (pg != null) {
      store.close();
      store = null;
      pg.close();
    }
  }
}
