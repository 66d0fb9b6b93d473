package org.mmskit.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.mm7.Mm7Client;

/**
 * Load harness for the client, beside {@link Mm7ClientBenchmark}, that stays fair on a noisy
 * machine: {@code Mm7Client.submit} and a raw HttpClient 5 POST of the identical bytes run against
 * the same {@link StubMmsc} in alternating rounds, so each round gives a paired ratio; it also
 * prints the process CPU time per request (load threads and stub together), which other processes
 * on the machine disturb less than requests per second. Both paths are first warmed on one thread
 * until the JIT is quiet ({@link JitWarmup}).
 *
 * <p>{@code java -cp mms-benchmarks/target/benchmarks.jar org.mmskit.benchmarks.Mm7ClientLoad
 * [threads=8] [rounds=5] [seconds=3] [base64|binary|fresh]}: {@code binary} sends the parts
 * unencoded ({@code Mm7Client.Builder.binaryParts}), which shows the client's cost without the
 * base64 work. The client sends one message again and again, as a campaign does, so from its second
 * submit on it copies the image's kept base64 text; {@code fresh} gives each load thread its own
 * image array and changes its first bytes before each submit, so that every submit encodes its
 * image (the raw POST still sends the first request's bytes).
 */
public final class Mm7ClientLoad {
  private Mm7ClientLoad() {}

  /** One request of either kind. */
  interface Call {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    ClientRig.Args a = ClientRig.Args.parse(args);
    int threads = a.threads();
    int rounds = a.rounds();
    int seconds = a.seconds();
    boolean binary = a.binary();
    try (ClientRig rig = new ClientRig(binary)) {
      Mm7Client client = rig.client;
      MmsMessage message = rig.message;
      StubMmsc.Request request = rig.request;
      RawHttp raw = rig.raw;
      Call clientCall = () -> client.submit(message);
      if (a.fresh()) {
        ThreadLocal<MmsMessage> own = ThreadLocal.withInitial(() -> withOwnImage(message));
        ThreadLocal<long[]> counter = ThreadLocal.withInitial(() -> new long[1]);
        clientCall =
            () -> {
              MmsMessage m = own.get();
              byte[] image = m.parts().get(1).bytes();
              long c = ++counter.get()[0];
              for (int i = 0; i < 8; i++) {
                image[i] = (byte) (c >>> (8 * i));
              }
              client.submit(m);
            };
      }
      Call[] calls = {raw::post, clientCall};
      String[] names = {"raw HttpClient POST", "Mm7Client.submit"};
      System.out.printf(
          Locale.ROOT,
          "request %d bytes (%s parts); %d thread(s); warm-up: %d raw, %d client on one thread%n",
          request.body().length,
          binary ? "binary" : a.fresh() ? "base64, a changed image each time" : "base64",
          threads,
          JitWarmup.untilQuiet(raw::post, 3000, 1500, 30_000),
          JitWarmup.untilQuiet(clientCall::run, 3000, 1500, 30_000));
      double[][] rate = new double[2][rounds];
      double[][] cpu = new double[2][rounds];
      int settle =
          JitWarmup.settleUnderLoad(
              () -> {
                for (Call call : calls) {
                  run(call, threads, 1);
                }
              },
              15);
      System.out.printf(
          Locale.ROOT, "settled under load: %d round(s) until one without compilation%n", settle);
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < 2; k++) {
          int which = r % 2 == 0 ? k : 1 - k;
          double[] result = run(calls[which], threads, seconds);
          rate[which][r] = result[0];
          cpu[which][r] = result[1];
        }
        System.out.printf(
            Locale.ROOT,
            "round %d: raw %.0f/s (%.1f us cpu), client %.0f/s (%.1f us cpu), client/raw %.1f%%%n",
            r + 1,
            rate[0][r],
            cpu[0][r],
            rate[1][r],
            cpu[1][r],
            100 * rate[1][r] / rate[0][r]);
      }
      double[] ratio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratio[r] = rate[1][r] / rate[0][r];
      }
      LoadSupport.printMedians(names, rate, cpu);
      System.out.printf(
          Locale.ROOT,
          "median ratio client/raw %.1f%% (%d threads)%n",
          100 * LoadSupport.median(ratio),
          threads);
    }
  }

  /** {@code message} with a copy of its image part's array, for one thread to change. */
  private static MmsMessage withOwnImage(MmsMessage message) {
    MmsPart image = message.parts().get(1);
    List<MmsPart> parts = new ArrayList<>(message.parts());
    parts.set(1, image.toBuilder().body(image.bytes().clone()).build());
    return message.toBuilder().parts(parts).build();
  }

  /** Runs {@code call} on {@code threads} threads; returns {requests/s, µs CPU per request}. */
  static double[] run(Call call, int threads, int seconds) throws Exception {
    LongAdder done = new LongAdder();
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    CountDownLatch ready = new CountDownLatch(threads);
    List<Thread> started = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t =
          new Thread(
              () -> {
                ready.countDown();
                try {
                  while (!stop.get()) {
                    call.run();
                    if (measuring.get()) {
                      done.increment();
                    }
                  }
                } catch (Throwable e) {
                  errors.add(e);
                }
              },
              "load-" + i);
      t.start();
      started.add(t);
    }
    ready.await();
    Thread.sleep(300);
    long cpu0 = LoadSupport.processCpuNanos();
    long t0 = System.nanoTime();
    measuring.set(true);
    Thread.sleep(seconds * 1000L);
    measuring.set(false);
    long elapsed = System.nanoTime() - t0;
    long cpu1 = LoadSupport.processCpuNanos();
    stop.set(true);
    for (Thread t : started) {
      t.join();
    }
    if (!errors.isEmpty()) {
      throw new IllegalStateException("load errors: " + errors.get(0), errors.get(0));
    }
    long n = Math.max(1, done.sum());
    return new double[] {n * 1e9 / elapsed, (cpu1 - cpu0) / 1000.0 / n};
  }
}
