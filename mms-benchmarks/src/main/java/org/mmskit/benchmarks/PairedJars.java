package org.mmskit.benchmarks;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Compares one benchmark method as built by two versions of the project, in one JVM: each jar gets
 * its own class loader, and the two run in alternating blocks of 100 ms, so that the machine's slow
 * and fast periods fall on both alike. Prints the median of the per-block time ratios. On the
 * project's 2-vCPU machine, two copies of the same jar give a median within 2 % of 1 over 150
 * pairs, where separate JMH runs of one benchmark differ by 10-50 %.
 *
 * <p>{@code java -cp mms-benchmarks/target/benchmarks.jar org.mmskit.benchmarks.PairedJars A.jar
 * B.jar [class=Mm7HandlerBenchmark] [method=handleDeliverReq] [pairs=150]}: the class needs a
 * public no-argument constructor, a public {@code setUp()} and the public no-argument method. A
 * benchmark class only the newer jar has is taken from it for both, so a new benchmark can measure
 * an older build (as long as it calls nothing that build lacks).
 */
public final class PairedJars {
  private PairedJars() {}

  public static void main(String[] args) throws Exception {
    String className =
        "org.mmskit.benchmarks." + (args.length > 2 ? args[2] : "Mm7HandlerBenchmark");
    String methodName = args.length > 3 ? args[3] : "handleDeliverReq";
    int pairs = args.length > 4 ? Integer.parseInt(args[4]) : 150;
    Object[] subject = new Object[2];
    Method[] method = new Method[2];
    for (int k = 0; k < 2; k++) {
      // The other jar comes second: a benchmark class newer than jar k comes from it, while
      // everything jar k has (the code under test) comes from jar k.
      URLClassLoader loader =
          new URLClassLoader(
              new URL[] {Path.of(args[k]).toUri().toURL(), Path.of(args[1 - k]).toUri().toURL()},
              ClassLoader.getPlatformClassLoader());
      Class<?> c = loader.loadClass(className);
      subject[k] = c.getConstructor().newInstance();
      c.getMethod("setUp").invoke(subject[k]);
      method[k] = c.getMethod(methodName);
      int index = k;
      JitWarmup.untilQuiet(() -> method[index].invoke(subject[index]), 3000, 1500, 30_000);
    }
    double[] ratio = new double[pairs];
    double[][] nanos = new double[2][pairs];
    for (int p = 0; p < pairs; p++) {
      for (int j = 0; j < 2; j++) {
        int k = p % 2 == 0 ? j : 1 - j;
        nanos[k][p] = block(subject[k], method[k]);
      }
      ratio[p] = nanos[1][p] / nanos[0][p];
    }
    System.out.printf(
        Locale.ROOT,
        "%s.%s: A %.0f ns, B %.0f ns (medians); median B/A %.3f over %d pairs of 100 ms blocks%n",
        className.substring(className.lastIndexOf('.') + 1),
        methodName,
        LoadSupport.median(nanos[0]),
        LoadSupport.median(nanos[1]),
        LoadSupport.median(ratio),
        pairs);
  }

  /** Runs the method for about 100 ms; returns nanoseconds per call. */
  private static double block(Object subject, Method method) throws Exception {
    long start = System.nanoTime();
    long end = start + 100_000_000L;
    long calls = 0;
    do {
      for (int i = 0; i < 200; i++) {
        method.invoke(subject);
      }
      calls += 200;
    } while (System.nanoTime() < end);
    return (System.nanoTime() - start) / (double) calls;
  }
}
