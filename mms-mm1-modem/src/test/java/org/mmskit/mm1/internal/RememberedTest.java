package org.mmskit.mm1.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The listener's memory across restarts: bounded, written whole through a moved temporary file. */
class RememberedTest {
  @TempDir Path dir;

  @Test
  void whatIsAddedIsThereAfterAReloadAndWhatIsRemovedIsNot() throws Exception {
    Path file = dir.resolve("state");
    Remembered r = new Remembered(file, 10);
    r.add(Remembered.Kind.DELIVERED, "id with spaces <x@y>");
    r.add(Remembered.Kind.DEFERRED, "T1");
    r.add(Remembered.Kind.DEFERRED, "T2");
    r.remove(Remembered.Kind.DEFERRED, "T1");

    Remembered again = new Remembered(file, 10);
    assertThat(again.contains(Remembered.Kind.DELIVERED, "id with spaces <x@y>")).isTrue();
    assertThat(again.contains(Remembered.Kind.DEFERRED, "T2")).isTrue();
    assertThat(again.contains(Remembered.Kind.DEFERRED, "T1")).isFalse();
    // the kinds do not mix
    assertThat(again.contains(Remembered.Kind.DELIVERED, "T2")).isFalse();
    assertThat(dir).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".tmp"));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void theFileKeepsTheNewestEntriesOnly(long seed) throws Exception {
    Path file = dir.resolve("state");
    Random random = new Random(seed);
    int max = 5 + random.nextInt(20);
    int added = max + 1 + random.nextInt(100);
    Remembered r = new Remembered(file, max);
    for (int i = 0; i < added; i++) {
      r.add(Remembered.Kind.DELIVERED, "m" + i);
    }
    assertThat(r.size()).isEqualTo(max);
    Remembered again = new Remembered(file, max);
    assertThat(again.size()).isEqualTo(max);
    assertThat(again.contains(Remembered.Kind.DELIVERED, "m" + (added - 1))).isTrue();
    assertThat(again.contains(Remembered.Kind.DELIVERED, "m" + (added - max))).isTrue();
    assertThat(again.contains(Remembered.Kind.DELIVERED, "m" + (added - max - 1))).isFalse();
    assertThat(Files.readAllLines(file)).hasSize(max + 1); // and the header
  }

  @Test
  void unreadableLinesAreSkippedAndALineBreakStaysInMemory() throws Exception {
    Path file = dir.resolve("state");
    Files.writeString(
        file, "# header\nm good\nx unknown kind\nm\n\nd T9\n", StandardCharsets.UTF_8);
    Remembered r = new Remembered(file, 10);
    assertThat(r.size()).isEqualTo(2);
    r.add(Remembered.Kind.DELIVERED, "two\nlines");
    assertThat(r.contains(Remembered.Kind.DELIVERED, "two\nlines")).isTrue();
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).contains("m good", "d T9").noneMatch(l -> l.contains("two"));
  }

  @Test
  void withoutAFileNothingIsWritten() throws Exception {
    Remembered r = new Remembered(null, 10);
    r.add(Remembered.Kind.DELIVERED, "x");
    assertThat(r.contains(Remembered.Kind.DELIVERED, "x")).isTrue();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }
}
