package org.mmskit.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body;
import org.mmskit.mm7.internal.Mm7Codec;
import org.mmskit.mm7.internal.Mm7Envelope;
import org.mmskit.mm7.internal.Mm7Limits;
import org.mmskit.mm7.internal.Mm7Payload;
import org.mmskit.mm7.internal.Mm7WriteOptions;
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
 * Time and allocation to build and serialise one MM7 SubmitReq (SOAP envelope plus MIME parts)
 * carrying a 20 KB image, written to a sink that keeps nothing; beside the copy baseline of the
 * serialised size.
 *
 * <p>Goals: under 10 µs and under 3x the message size allocated ({@code -prof gc},
 * gc.alloc.rate.norm).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Mm7SerializeBenchmark {

  /**
   * How parts are written: {@code base64} (the standard dialect's default) or {@code binary}
   * ({@code Mm7Client.Builder.binaryParts(true)}).
   */
  @Param({"base64", "binary"})
  public String parts;

  private Mm7WriteOptions options;
  private final Mm7Limits limits = Mm7Limits.defaults();
  private final byte[] submitRsp =
      StubMmsc.submitRsp("tx-0000000001", Mm7Version.DEFAULT.namespace());
  private byte[] serialized;

  @Setup(Level.Trial)
  public void setUp() {
    options = Mm7WriteOptions.standard().withBinaryParts(parts.equals("binary"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Mm7Codec.write(envelope(), options, out);
    serialized = out.toByteArray();
    System.out.println(
        "# SubmitReq with a "
            + Mm7Samples.IMAGE_SIZE
            + "-byte image: "
            + serialized.length
            + " bytes serialised");
  }

  private static Mm7Envelope envelope() {
    Mm7Body.SubmitReq req =
        new Mm7Body.SubmitReq(Optional.of("vasp-1"), Optional.of("svc-1"), Mm7Samples.message());
    return Mm7Envelope.of("tx-0000000001", Mm7Version.DEFAULT, req);
  }

  /** Builds the message and the SubmitReq, serialises it; returns the bytes written. */
  @Benchmark
  public long buildAndSerialize() throws IOException {
    Mm7Payload payload = Mm7Codec.encode(envelope(), options);
    Sink sink = new Sink();
    payload.writeTo(sink);
    return sink.count + payload.contentType().length();
  }

  /**
   * Reads the stub's canned SubmitRsp as the client does after each submit (part of the client's
   * per-request cost, measured alone).
   */
  @Benchmark
  public Mm7Envelope readSubmitRsp() {
    return Mm7Codec.read("text/xml; charset=utf-8", submitRsp, limits);
  }

  /** Context for the base64 case: the JDK's MIME encoder on the 20 KB image alone. */
  @Benchmark
  public byte[] jdkMimeBase64OfImage() {
    return java.util.Base64.getMimeEncoder().encode(Mm7Samples.IMAGE.bytes());
  }

  /** The baseline: one allocation and copy of the serialised size. */
  @Benchmark
  public byte[] copyBaseline() {
    return CopyBaseline.copy(serialized);
  }

  /** Counts and forgets. */
  private static final class Sink extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
