package org.mmskit.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.HttpRequestHandler;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.mmskit.core.MmsListener;
import org.mmskit.mm7.Mm7Listener;
import org.mmskit.server.InboundHandler;
import org.mmskit.server.InboundResponse;
import org.mmskit.server.MmsServer;
import org.mmskit.server.Route;
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
 * DeliverReq requests per second handled by {@link Mm7Listener} (a callback that does nothing)
 * under concurrent keep-alive load (32 raw-socket connections, one per JMH thread), beside a bare
 * HttpCore 5 classic server that reads the same request and answers the same response bytes. Each
 * server is first warmed on one connection until the JIT is quiet ({@link JitWarmup}).
 *
 * <p>{@code java -jar mms-benchmarks/target/benchmarks.jar Mm7ListenerBenchmark -f 1 -wi 3 -i 5}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(32)
public class Mm7ListenerBenchmark {

  /** The server under test, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Target {
    /**
     * {@code listener}: Mm7Listener; {@code bare}: HttpCore 5 answering canned bytes; {@code
     * mmsServer}: the project's MmsServer with a handler answering canned bytes (shows what the
     * server costs apart from MM7).
     */
    @Param({"listener", "bare", "mmsServer"})
    public String server;

    Mm7Listener listener;
    HttpServer bare;
    MmsServer mmsServer;
    InetSocketAddress address;
    byte[] request;

    @Setup(Level.Trial)
    public void start() throws IOException {
      Mm7LoadFixture fixture = Mm7LoadFixture.create();
      InetAddress loopback = InetAddress.getLoopbackAddress();
      if (server.equals("listener")) {
        listener =
            Mm7Listener.builder()
                .bindAddress(loopback)
                .port(0)
                .listener(new MmsListener() {})
                .start();
        address = new InetSocketAddress(loopback, listener.port());
      } else if (server.equals("mmsServer")) {
        byte[] answer = fixture.responseBody();
        String type = fixture.responseContentType();
        InboundHandler canned =
            request -> {
              request.body().transferTo(java.io.OutputStream.nullOutputStream());
              return InboundResponse.ok(type, answer);
            };
        mmsServer =
            MmsServer.builder()
                .bindAddress(loopback)
                .port(0)
                .route(Route.open("/mm7", canned))
                .build()
                .start();
        address = new InetSocketAddress(loopback, mmsServer.port());
      } else {
        bare = bareServer(fixture.responseBody(), fixture.responseContentType());
        address = new InetSocketAddress(loopback, bare.getLocalPort());
      }
      request =
          KeepAliveConnection.post(
              "127.0.0.1:" + address.getPort(),
              "/mm7",
              fixture.requestContentType(),
              fixture.requestBody(),
              "SOAPAction: \"\"");
      // One connection until the JIT is quiet: 32 load threads on 2 vCPUs starve the compiler.
      try (KeepAliveConnection c = new KeepAliveConnection(address)) {
        JitWarmup.untilQuiet(() -> c.exchange(request), 3000, 1500, 30_000);
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      if (listener != null) {
        listener.close();
      }
      if (mmsServer != null) {
        mmsServer.close();
      }
      if (bare != null) {
        bare.close(CloseMode.GRACEFUL);
        try {
          bare.awaitTermination(TimeValue.ofSeconds(5));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** One keep-alive connection per benchmark thread. */
  @State(Scope.Thread)
  public static class Connection {
    KeepAliveConnection connection;

    @Setup(Level.Trial)
    public void open(Target target) throws IOException {
      connection = new KeepAliveConnection(target.address);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      connection.close();
    }
  }

  @Benchmark
  public int deliverReq(Target target, Connection c) throws IOException {
    int status = c.connection.exchange(target.request);
    if (status != 200) {
      throw new IOException("HTTP " + status);
    }
    return status;
  }

  /** An HttpCore 5 classic server reading each body fully and answering fixed bytes. */
  static HttpServer bareServer(byte[] response, String contentType) throws IOException {
    ContentType ct = ContentType.parse(contentType);
    HttpRequestHandler handler =
        (request, resp, context) -> {
          HttpEntity entity = request.getEntity();
          if (entity != null) {
            try (InputStream in = entity.getContent()) {
              in.transferTo(java.io.OutputStream.nullOutputStream());
            }
          }
          resp.setCode(200);
          resp.setEntity(new ByteArrayEntity(response, ct));
        };
    HttpServer s =
        ServerBootstrap.bootstrap()
            .setLocalAddress(InetAddress.getLoopbackAddress())
            .setListenerPort(0)
            .setSocketConfig(SocketConfig.custom().setTcpNoDelay(true).setSoKeepAlive(true).build())
            .setRequestRouter((request, context) -> handler)
            .create();
    s.start();
    return s;
  }
}
