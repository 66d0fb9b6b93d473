package org.mmskit.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

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

  /** The median of the values. */
  static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }
}
