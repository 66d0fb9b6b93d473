package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class KeptArrayTest {

  @Test
  void growsInPowersOfTwoAndKeepsUpToTheMaximum() {
    KeptArray k = new KeptArray(1024, 64 * 1024);
    byte[] small = k.atLeast(10);
    assertThat(small).hasSize(1024);
    assertThat(k.atLeast(1024)).isSameAs(small);
    byte[] grown = k.atLeast(1025);
    assertThat(grown).hasSize(2048);
    assertThat(k.atLeast(100)).isSameAs(grown);
    assertThat(k.atLeast(64 * 1024)).hasSize(64 * 1024).isSameAs(k.atLeast(40_000));
  }

  @Test
  void overTheMaximumAnExactArrayThatIsNotKept() {
    KeptArray k = new KeptArray(1024, 64 * 1024);
    byte[] kept = k.atLeast(5000);
    byte[] big = k.atLeast(100_000);
    assertThat(big).hasSize(100_000);
    assertThat(k.atLeast(5000)).isSameAs(kept);
    k.keep(new byte[200_000]);
    assertThat(k.atLeast(5000)).isSameAs(kept);
    byte[] larger = new byte[32 * 1024];
    k.keep(larger);
    assertThat(k.atLeast(5000)).isSameAs(larger);
  }

  @Test
  void eachThreadHasItsOwnArray() throws InterruptedException {
    KeptArray k = new KeptArray(1024, 64 * 1024);
    byte[] mine = k.atLeast(10);
    AtomicReference<byte[]> theirs = new AtomicReference<>();
    Thread t = new Thread(() -> theirs.set(k.atLeast(10)));
    t.start();
    t.join();
    assertThat(theirs.get()).isNotNull().isNotSameAs(mine);
    assertThat(k.atLeast(10)).isSameAs(mine);
  }
}
