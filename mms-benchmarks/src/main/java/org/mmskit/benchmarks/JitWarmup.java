package org.mmskit.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Single-threaded warm-up before a multi-threaded measurement. On a 2-vCPU machine, 8 or 32 busy
 * load threads leave the JIT compiler threads a small share of the CPU, so the code under test can
 * stay interpreted or in profiled C1 code for the whole of a JMH warm-up (seen: the listener's MIME
 * boundary scan still interpreted after 10 s at 32 connections, 6x the per-request CPU of the
 * compiled code). Running the operation on one thread until the JIT has been idle for a while
 * measures the steady state a long-running server or client reaches.
 *
 * <p>That is not yet the end: load from many threads takes branches one thread never does (a
 * contended lock, a pool's wait path), compiled code that assumed them unreachable is thrown away
 * and compiled again, and on 2 vCPUs the starved compiler takes seconds to do it (seen: C2 busy for
 * a fifth of the process CPU during an 8-second measurement right after the single-thread warm-up).
 * {@link #settleUnderLoad} runs the loaded rounds until a whole one passes without compilation.
 */
final class JitWarmup {
  private JitWarmup() {}

  /** One operation to repeat. */
  @FunctionalInterface
  interface Operation {
    void run() throws Exception;
  }

  /**
   * Repeats {@code op} on the calling thread for at least {@code minMillis}, then until the JIT has
   * compiled nothing for {@code quietMillis}, at most {@code maxMillis} in all. Returns how many
   * times it ran.
   */
  static long untilQuiet(Operation op, long minMillis, long quietMillis, long maxMillis)
      throws Exception {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean tracked = jit != null && jit.isCompilationTimeMonitoringSupported();
    long start = System.nanoTime();
    long lastChange = start;
    long lastTotal = tracked ? jit.getTotalCompilationTime() : 0;
    long runs = 0;
    while (true) {
      op.run();
      runs++;
      long now = System.nanoTime();
      if ((runs & 63) == 0 && tracked) {
        long total = jit.getTotalCompilationTime();
        if (total != lastTotal) {
          lastTotal = total;
          lastChange = now;
        }
      }
      long elapsed = (now - start) / 1_000_000;
      if (elapsed >= maxMillis) {
        break;
      }
      if (elapsed >= minMillis && (!tracked || (now - lastChange) / 1_000_000 >= quietMillis)) {
        break;
      }
    }
    return runs;
  }

  /**
   * Repeats {@code round} (load of the real kind, a second or so) until one passes in which the JIT
   * compiled nothing, at most {@code maxRounds} times. Returns the rounds run.
   */
  static int settleUnderLoad(Operation round, int maxRounds) throws Exception {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean tracked = jit != null && jit.isCompilationTimeMonitoringSupported();
    int rounds = 0;
    while (rounds < maxRounds) {
      long before = tracked ? jit.getTotalCompilationTime() : 0;
      round.run();
      rounds++;
      if (!tracked || jit.getTotalCompilationTime() == before) {
        break;
      }
    }
    return rounds;
  }
}
