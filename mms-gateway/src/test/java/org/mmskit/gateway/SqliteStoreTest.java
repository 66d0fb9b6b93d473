package org.mmskit.gateway;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.gateway.internal.Store;

class SqliteStoreTest extends StoreContract {
  @TempDir Path dir;

  @Override
  Store open() {
    return GatewayStore.sqlite(dir.resolve("q.db")).open();
  }

  @Override
  Store reopen() {
    return open();
  }

  @Test
  void aSecondProcessCannotOpenTheSameFile() {
    assertThatThrownBy(() -> GatewayStore.sqlite(dir.resolve("q.db")).open())
        .hasMessageContaining("used by another process");
  }

  @Test
  void jobsBeingSentWhenTheProcessStoppedAreQueuedInDoubtOnOpen() {
    enqueue("a", "r", 0);
    store.claim("r", "old-process", 1, 0, Long.MAX_VALUE);
    store.close();
    store = reopen();
    Store.ClaimedJob j = store.claim("r", "new", 1, 0, 60_000).get(0);
    org.assertj.core.api.Assertions.assertThat(j.inDoubt()).isTrue();
  }
}
