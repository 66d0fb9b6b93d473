package org.mmskit.benchmarks;

import java.util.concurrent.TimeUnit;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduDecoder;
import org.mmskit.core.pdu.MmsPduEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode and decode of two PDUs beside the copy baseline (allocate an array of the message's size
 * and copy the message into it once), in the same run.
 *
 * <p>Goals: decode of the ~300 KB m-retrieve-conf within 1.3x the baseline allocating at most 1.1x
 * the message size; decode of the ~150-byte m-notification-ind under 0.8 µs and 1 KB; encode of the
 * m-retrieve-conf within 1.5x the baseline. Run with {@code -prof gc} to see bytes/op ({@code
 * gc.alloc.rate.norm}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PduBenchmark {

  /** Which message: {@code retrieveConf} (~300 KB) or {@code notificationInd} (~150 bytes). */
  @Param({"retrieveConf", "notificationInd"})
  public String message;

  private MmsPdu pdu;
  private byte[] bytes;

  @Setup(Level.Trial)
  public void setUp() {
    MmsPdu sample =
        message.equals("retrieveConf") ? PduSamples.retrieveConf() : PduSamples.notificationInd();
    bytes = PduSamples.bytes(sample);
    pdu = MmsPduDecoder.decode(bytes);
    if (!pdu.equals(sample)) {
      System.out.println("# warning: the sample does not decode to what was encoded: " + pdu);
    }
    System.out.println("# " + message + ": " + bytes.length + " bytes");
  }

  /** The baseline: allocate a byte array of the message's size, copy the message into it once. */
  @Benchmark
  public byte[] copyBaseline() {
    return CopyBaseline.copy(bytes);
  }

  @Benchmark
  public MmsPdu decode() {
    return MmsPduDecoder.decode(bytes);
  }

  @Benchmark
  public byte[] encode() {
    return MmsPduEncoder.encode(pdu);
  }
}
