package org.mmskit.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/** Shared bits of the load harnesses. */
final class LoadSupport {
  private LoadSupport() {}

  /** CPU time of this whole process (every thread, the JVM's own included), in nanoseconds. */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  /**
   * Prints, per subject, the median rate and process CPU per request over the rounds ({@code
   * rates[k]} and {@code cpu[k]} are subject {@code k}'s rounds).
   */
  static void printMedians(String[] names, double[][] rates, double[][] cpu) {
    int width = 0;
    for (String n : names) {
      width = Math.max(width, n.length());
    }
    for (int k = 0; k < names.length; k++) {
      System.out.printf(
          Locale.ROOT,
          "median %-" + width + "s  %.0f requests/s, %.1f us process CPU per request%n",
          names[k],
          median(rates[k]),
          median(cpu[k]));
    }
  }

  /** The median of the values. */
  static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }
}
