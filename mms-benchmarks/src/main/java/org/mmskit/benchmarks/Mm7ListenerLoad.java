package org.mmskit.benchmarks;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.io.CloseMode;
import org.mmskit.core.MmsListener;
import org.mmskit.mm7.Mm7Listener;
import org.mmskit.server.InboundHandler;
import org.mmskit.server.InboundResponse;
import org.mmskit.server.MmsServer;
import org.mmskit.server.Route;

/**
 * Load harness for the listener, an alternative to {@link Mm7ListenerBenchmark} that stays fair on
 * a noisy machine: the three servers run side by side and are loaded in turn (32 keep-alive
 * raw-socket connections each), so each round gives a paired ratio. The order rotates from round to
 * round (ABC, BCA, CAB) so that no server is loaded twice in a row: a server loaded right after its
 * own previous run is still closing that run's 32 connections, and measured 10-20 % slower per
 * request for it (seen with the earlier ABC, CBA order, on whichever server met itself). It also
 * prints the process CPU time per request (load threads and server together), which is less
 * sensitive to other processes on the machine than requests per second. Each server is first warmed
 * on a single connection until the JIT is quiet ({@link JitWarmup}). Each connection sends the
 * {@value Mm7LoadFixture#VARIANTS} DeliverReqs of {@link Mm7LoadFixture} in turn, which differ as
 * an MMSC's deliveries do (TransactionID, sender, time stamp, subject, text, MIME boundaries).
 *
 * <p>{@code java -cp mms-benchmarks/target/benchmarks.jar org.mmskit.benchmarks.Mm7ListenerLoad
 * [connections=32] [rounds=5] [seconds=3] [other-benchmarks.jar]}
 *
 * <p>With a fourth argument, the benchmarks jar of another build, that build's listener runs beside
 * the others (in a class loader of its own, so nothing is shared but the process) and is loaded in
 * turn with them: the way to compare a change with the build before it, since separate runs on this
 * machine differ by more than most changes do.
 */
public final class Mm7ListenerLoad {
  private Mm7ListenerLoad() {}

  public static void main(String[] args) throws Exception {
    int connections = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    String otherJar = args.length > 3 ? args[3] : null;
    Mm7LoadFixture f = Mm7LoadFixture.create();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    Mm7Listener listener =
        Mm7Listener.builder().bindAddress(loopback).port(0).listener(new MmsListener() {}).start();
    HttpServer bare = Mm7ListenerBenchmark.bareServer(f.responseBody(), f.responseContentType());
    InboundHandler canned =
        request -> {
          request.body().transferTo(java.io.OutputStream.nullOutputStream());
          return InboundResponse.ok(f.responseContentType(), f.responseBody());
        };
    MmsServer server =
        MmsServer.builder()
            .bindAddress(loopback)
            .port(0)
            .route(Route.open("/mm7", canned))
            .build()
            .start();
    OtherBuild other = otherJar == null ? null : OtherBuild.start(otherJar);
    String[] names =
        other == null
            ? new String[] {"bare HttpCore 5", "MmsServer canned", "Mm7Listener"}
            : new String[] {
              "bare HttpCore 5", "MmsServer canned", "Mm7Listener", "Mm7Listener, other jar"
            };
    int[] ports =
        other == null
            ? new int[] {bare.getLocalPort(), server.port(), listener.port()}
            : new int[] {bare.getLocalPort(), server.port(), listener.port(), other.port()};
    int subjects = names.length;
    try {
      double[][] rates = new double[subjects][rounds];
      double[][] cpuPerRequest = new double[subjects][rounds];
      for (int warm = 0; warm < subjects; warm++) {
        long runs = warmUp(loopback, ports[warm], f);
        System.out.printf(
            Locale.ROOT, "warm-up %s: %d requests on one connection%n", names[warm], runs);
      }
      int settle =
          JitWarmup.settleUnderLoad(
              () -> {
                for (int port : ports) {
                  run(loopback, port, f, connections, 1);
                }
              },
              15);
      System.out.printf(
          Locale.ROOT, "settled under load: %d round(s) until one without compilation%n", settle);
      for (int r = 0; r < rounds; r++) {
        for (int s = 0; s < subjects; s++) {
          int which = (r + s) % subjects;
          rates[which][r] = run(loopback, ports[which], f, connections, seconds);
          cpuPerRequest[which][r] = lastCpuMicrosPerRequest;
        }
        System.out.printf(
            Locale.ROOT,
            "round %d: bare %.0f/s (%.1f us cpu), MmsServer %.0f/s (%.1f us), Mm7Listener %.0f/s"
                + " (%.1f us), listener/bare %.1f%%%n",
            r + 1,
            rates[0][r],
            cpuPerRequest[0][r],
            rates[1][r],
            cpuPerRequest[1][r],
            rates[2][r],
            cpuPerRequest[2][r],
            100 * rates[2][r] / rates[0][r]);
        if (other != null) {
          System.out.printf(
              Locale.ROOT,
              "         other jar's Mm7Listener %.0f/s (%.1f us), other/bare %.1f%%%n",
              rates[3][r],
              cpuPerRequest[3][r],
              100 * rates[3][r] / rates[0][r]);
        }
      }
      LoadSupport.printMedians(names, rates, cpuPerRequest);
      double[] ratio = new double[rounds];
      double[] serverRatio = new double[rounds];
      double[] otherRatio = new double[rounds];
      double[] versus = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratio[r] = rates[2][r] / rates[0][r];
        serverRatio[r] = rates[1][r] / rates[0][r];
        if (other != null) {
          otherRatio[r] = rates[3][r] / rates[0][r];
          versus[r] = rates[2][r] / rates[3][r];
        }
      }
      System.out.printf(
          Locale.ROOT,
          "median ratio Mm7Listener/bare %.1f%%, MmsServer/bare %.1f%%%n",
          100 * LoadSupport.median(ratio),
          100 * LoadSupport.median(serverRatio));
      if (other != null) {
        System.out.printf(
            Locale.ROOT,
            "median ratio other jar's Mm7Listener/bare %.1f%%; this build/other build %.3f%n",
            100 * LoadSupport.median(otherRatio),
            LoadSupport.median(versus));
      }
    } finally {
      if (other != null) {
        other.close();
      }
      listener.close();
      server.close();
      bare.close(CloseMode.GRACEFUL);
    }
  }

  /**
   * Sends requests on one connection until the JIT is quiet (see {@link JitWarmup}): compiled
   * steady state, not how fast a starved compiler catches up under 64 busy threads.
   */
  private static long warmUp(InetAddress host, int port, Mm7LoadFixture f) throws Exception {
    byte[] request = request(port, f);
    try (KeepAliveConnection c = new KeepAliveConnection(new InetSocketAddress(host, port))) {
      return JitWarmup.untilQuiet(
          () -> {
            if (c.exchange(request) != 200) {
              throw new IOException("not 200");
            }
          },
          3000,
          1500,
          30_000);
    }
  }

  private static byte[] request(int port, Mm7LoadFixture f) {
    return request(port, f.variants().get(0));
  }

  private static byte[] request(int port, Mm7LoadFixture.Request r) {
    return KeepAliveConnection.post(
        "127.0.0.1:" + port, "/mm7", r.contentType(), r.body(), "SOAPAction: \"\"");
  }

  /** Every variant of the request, ready to send to {@code port}. */
  private static byte[][] requests(int port, Mm7LoadFixture f) {
    byte[][] all = new byte[f.variants().size()][];
    for (int i = 0; i < all.length; i++) {
      all[i] = request(port, f.variants().get(i));
    }
    return all;
  }

  /** Loads one server for some seconds; returns requests per second. */
  private static double run(
      InetAddress host, int port, Mm7LoadFixture f, int connections, int seconds) throws Exception {
    byte[][] requests = requests(port, f);
    LongAdder done = new LongAdder();
    long[] cpu = new long[2];
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    CountDownLatch ready = new CountDownLatch(connections);
    for (int i = 0; i < connections; i++) {
      int first = i;
      Thread t =
          new Thread(
              () -> {
                try (KeepAliveConnection c =
                    new KeepAliveConnection(new InetSocketAddress(host, port))) {
                  ready.countDown();
                  // each connection goes through the requests from its own start
                  for (int k = first; !stop.get(); k++) {
                    if (c.exchange(requests[k % requests.length]) != 200) {
                      throw new IOException("not 200");
                    }
                    if (measuring.get()) {
                      done.increment();
                    }
                  }
                } catch (Throwable e) {
                  errors.add(e);
                  ready.countDown();
                }
              },
              "load-" + i);
      t.start();
      threads.add(t);
    }
    ready.await();
    Thread.sleep(300);
    measuring.set(true);
    long start = System.nanoTime();
    cpu[0] = LoadSupport.processCpuNanos();
    Thread.sleep(seconds * 1000L);
    cpu[1] = LoadSupport.processCpuNanos();
    measuring.set(false);
    long elapsed = System.nanoTime() - start;
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    if (!errors.isEmpty()) {
      throw new IllegalStateException("load errors: " + errors.get(0), errors.get(0));
    }
    lastCpuMicrosPerRequest = (cpu[1] - cpu[0]) / 1000.0 / Math.max(1, done.sum());
    return done.sum() * 1e9 / elapsed;
  }

  /**
   * Another build's listener, started through that build's {@link Mm7ListenerBenchmark.Target} in a
   * class loader of its own.
   */
  private record OtherBuild(Object target, int port) implements AutoCloseable {
    static OtherBuild start(String jar) throws Exception {
      URLClassLoader loader =
          new URLClassLoader(
              new URL[] {Path.of(jar).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      Class<?> c = loader.loadClass(Mm7ListenerBenchmark.Target.class.getName());
      Object target = c.getConstructor().newInstance();
      c.getField("server").set(target, "listener");
      c.getMethod("start").invoke(target);
      Field address = c.getDeclaredField("address");
      address.setAccessible(true);
      return new OtherBuild(target, ((InetSocketAddress) address.get(target)).getPort());
    }

    @Override
    public void close() throws Exception {
      target.getClass().getMethod("stop").invoke(target);
    }
  }

  /** CPU time of this whole process (load threads and server together) per request, last run. */
  private static double lastCpuMicrosPerRequest;
}
