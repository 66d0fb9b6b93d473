package org.mmskit.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.SubmitResult;
import org.mmskit.mm7.Mm7Client;
import org.mmskit.mm7.internal.Mm7Envelope;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Submits per second of {@link Mm7Client} against a loopback {@link StubMmsc}, with 1 and 8
 * threads, beside a raw HttpClient 5 POST of the identical request bytes (captured from the
 * client's own first request) to the same stub, in the same run.
 *
 * <p>Goal: the client reaches at least 90 % of the raw POST rate. Before the measured iterations,
 * both the client and the raw POST run on one thread until the JIT is quiet ({@link JitWarmup}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class Mm7ClientBenchmark {

  /**
   * How the client sends: {@code streamed} (the default client: entity written on the fly, base64
   * parts), {@code buffered} (a request observer is set, so the client serialises into a byte array
   * first), {@code binaryParts} (streamed, parts in binary instead of base64). Only {@code
   * streamed} runs unless {@code -p mode=...} asks for the others (used to diagnose the gap to the
   * raw POST).
   */
  @Param({"streamed"})
  public String mode;

  private StubMmsc stub;
  private Mm7Client client;
  private RawHttp raw;
  private MmsMessage message;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    stub = StubMmsc.start();
    message = Mm7Samples.message();
    Mm7Client.Builder cb = Mm7Samples.client(stub);
    if (mode.equals("buffered")) {
      cb.requestObserver(r -> {});
    } else if (mode.equals("binaryParts")) {
      cb.binaryParts(true);
    } else if (!mode.equals("streamed")) {
      throw new IllegalArgumentException("unknown mode " + mode);
    }
    client = cb.build();
    StubMmsc.Request request = Mm7Samples.firstRequest(client, stub, message);
    System.out.println(
        "# request: " + request.body().length + " bytes, Content-Type " + request.contentType());
    raw = new RawHttp(stub.uri(), request.body(), request.contentType(), request.soapAction(), 16);
    // Both paths, on one thread, until the JIT is quiet: with 8 load threads on 2 vCPUs the
    // compiler would otherwise be starved through the whole warm-up (see JitWarmup).
    try {
      JitWarmup.untilQuiet(() -> client.submit(message), 3000, 1500, 30_000);
      JitWarmup.untilQuiet(raw::postAndRead, 2000, 1500, 30_000);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    client.close();
    raw.close();
    stub.close();
  }

  @Benchmark
  @Threads(1)
  public SubmitResult mm7Client1() {
    return client.submit(message);
  }

  @Benchmark
  @Threads(1)
  public int rawPost1() throws IOException {
    return raw.post();
  }

  /** Diagnosis: the raw POST plus reading the answer with the MM7 codec. */
  @Benchmark
  @Threads(1)
  public Mm7Envelope rawPostRead1() throws IOException {
    return raw.postAndRead();
  }

  /** Diagnosis: the raw POST plus reading the answer with the MM7 codec. */
  @Benchmark
  @Threads(8)
  public Mm7Envelope rawPostRead8() throws IOException {
    return raw.postAndRead();
  }

  @Benchmark
  @Threads(8)
  public SubmitResult mm7Client8() {
    return client.submit(message);
  }

  @Benchmark
  @Threads(8)
  public int rawPost8() throws IOException {
    return raw.post();
  }
}
