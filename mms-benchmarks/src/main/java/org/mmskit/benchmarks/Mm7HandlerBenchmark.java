package org.mmskit.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.mmskit.core.MmsListener;
import org.mmskit.mm7.Mm7Handler;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body;
import org.mmskit.mm7.internal.Mm7Codec;
import org.mmskit.mm7.internal.Mm7Envelope;
import org.mmskit.mm7.internal.Mm7Limits;
import org.mmskit.mm7.internal.Mm7WriteOptions;
import org.mmskit.server.HeaderMap;
import org.mmskit.server.InboundRequest;
import org.mmskit.server.InboundResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The MM7 work of the listener without HTTP: one DeliverReq read, dispatched to a no-op callback,
 * and its DeliverRsp written, by {@link Mm7Handler} in-process.
 *
 * <p>{@code java -jar mms-benchmarks/target/benchmarks.jar Mm7HandlerBenchmark -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class Mm7HandlerBenchmark {
  private Mm7Handler handler;
  private Mm7LoadFixture fixture;
  private HeaderMap headers;
  private Mm7Envelope reply;

  @Setup
  public void setUp() {
    fixture = Mm7LoadFixture.create();
    handler = Mm7Handler.of(new MmsListener() {});
    headers = HeaderMap.of("Content-Type", fixture.requestContentType());
    reply =
        Mm7Envelope.of(
            "load-tx-000001",
            Mm7Version.DEFAULT,
            new Mm7Body.DeliverRsp(Mm7Body.Status.success(), java.util.Optional.empty()));
  }

  /** Feeds written bytes to the blackhole. */
  static final class BlackholeStream extends java.io.OutputStream {
    private final Blackhole bh;

    BlackholeStream(Blackhole bh) {
      this.bh = bh;
    }

    @Override
    public void write(int b) {
      bh.consume(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bh.consume(b);
    }
  }

  /** The codec's share: reading the DeliverReq alone. */
  @Benchmark
  public Mm7Envelope readDeliverReq() {
    return Mm7Codec.read(fixture.requestContentType(), fixture.requestBody(), Mm7Limits.defaults());
  }

  /** The codec's share: writing the DeliverRsp alone. */
  @Benchmark
  public void writeDeliverRsp(Blackhole bh) {
    bh.consume(Mm7Codec.write(reply, Mm7WriteOptions.standard(), new BlackholeStream(bh)));
  }

  @Benchmark
  public InboundResponse handleDeliverReq() throws IOException {
    return handler.handle(
        InboundRequest.builder()
            .method("POST")
            .path("/mm7")
            .headers(headers)
            .contentLength(fixture.requestBody().length)
            .body(fixture.requestBody())
            .build());
  }
}
