package org.mmskit.benchmarks;

import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.mmskit.mm7.Mm7Version;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Diagnosis of the MM7 response-reading cost: pulling every event out of the stub's SubmitRsp with
 * the JDK StAX parser, (a) with a new XMLStreamReader per document from a shared factory, as the
 * MM7 reader does, and (b) with a per-thread factory whose {@code reuse-instance} property lets it
 * reset and reuse its last reader.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StaxReaderBenchmark {

  private final byte[] xml = StubMmsc.submitRsp("tx-0000000001", Mm7Version.DEFAULT.namespace());
  private final XMLInputFactory shared = factory(false);
  private final XMLInputFactory reusing = factory(true);

  private static XMLInputFactory factory(boolean reuse) {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    if (reuse) {
      f.setProperty("reuse-instance", Boolean.TRUE);
    }
    return f;
  }

  private static int drain(XMLStreamReader r) throws XMLStreamException {
    int events = 0;
    while (r.hasNext()) {
      events += r.next();
    }
    r.close();
    return events;
  }

  @Benchmark
  public int newReaderPerDocument() throws XMLStreamException {
    return drain(shared.createXMLStreamReader(new ByteArrayInputStream(xml)));
  }

  @Benchmark
  public int reusedReader() throws XMLStreamException {
    return drain(reusing.createXMLStreamReader(new ByteArrayInputStream(xml)));
  }
}
