package org.mmskit.benchmarks;

import java.util.concurrent.TimeUnit;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Codec;
import org.mmskit.mm7.internal.Mm7Envelope;
import org.mmskit.mm7.internal.Mm7Limits;
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

/**
 * Reading the two documents the load harnesses exchange most, apart from any HTTP: the SubmitRsp
 * the client reads for each submit ({@link StubMmsc}'s answer) and the DeliverReq the listener
 * reads for each delivery ({@link Mm7LoadFixture}). It has no parameters, so {@link PairedJars} can
 * run it against an older build too.
 *
 * <p>{@code java -jar mms-benchmarks/target/benchmarks.jar Mm7ReadBenchmark -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class Mm7ReadBenchmark {
  private static final String TEXT_XML = "text/xml; charset=utf-8";

  private final Mm7Limits limits = Mm7Limits.defaults();
  private byte[] submitRsp;
  private String deliverReqType;
  private byte[] deliverReq;

  @Setup
  public void setUp() {
    submitRsp = StubMmsc.submitRsp("mmskit-4f2a9c-1a2b3c", Mm7Version.DEFAULT.namespace());
    Mm7LoadFixture f = Mm7LoadFixture.create();
    deliverReqType = f.requestContentType();
    deliverReq = f.requestBody();
  }

  @Benchmark
  public Mm7Envelope readSubmitRsp() {
    return Mm7Codec.read(TEXT_XML, submitRsp, submitRsp.length, limits);
  }

  @Benchmark
  public Mm7Envelope readDeliverReq() {
    return Mm7Codec.read(deliverReqType, deliverReq, deliverReq.length, limits);
  }
}
