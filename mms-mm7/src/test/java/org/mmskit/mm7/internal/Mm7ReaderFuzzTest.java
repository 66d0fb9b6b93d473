package org.mmskit.mm7.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.mmskit.core.MmsMalformedException;

/**
 * Fuzzes the MM7 reader. Under surefire it runs in regression mode over the seed corpus in {@code
 * src/test/resources/org/mmskit/mm7/internal/Mm7ReaderFuzzTestInputs/read/} (the conformance
 * samples and the writer's output of every kind of body, written by {@link Mm7FuzzSeedCorpus});
 * {@code JAZZER_FUZZ=1} makes it fuzz. An input is a Content-Type line, then the HTTP body. The
 * reader either returns an envelope or throws {@link MmsMalformedException}; anything else is a
 * finding.
 */
class Mm7ReaderFuzzTest {

  private static final Mm7Limits LIMITS = Mm7Limits.defaults().withMaxBodyBytes(1 << 20);

  @FuzzTest(maxDuration = "60s")
  void read(byte[] data) {
    int eol = 0;
    while (eol < data.length && data[eol] != '\n') {
      eol++;
    }
    String contentType = new String(data, 0, eol, StandardCharsets.ISO_8859_1);
    int from = Math.min(eol + 1, data.length);
    byte[] body = java.util.Arrays.copyOfRange(data, from, data.length);
    try {
      // the reader itself: Mm7Codec.read would turn any runtime exception into a refusal
      Mm7Reader.read(contentType, body, body.length, LIMITS);
    } catch (MmsMalformedException expected) {
      // a clear refusal is one of the two allowed outcomes
    }
  }
}
