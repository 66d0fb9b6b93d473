package org.mmskit.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@link Main#run} in-process with System.out and System.err captured. */
final class CliRun {
  final int status;
  final String out;
  final String err;

  private CliRun(int status, String out, String err) {
    this.status = status;
    this.out = out;
    this.err = err;
  }

  static synchronized CliRun run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      status = Main.run(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new CliRun(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Each stdout line parsed as a JSON object. */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> jsonLines() {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        lines.add((Map<String, Object>) Json.parse(line));
      }
    }
    return lines;
  }

  /** True when anything printed looks like a Java stack trace. */
  boolean printedStackTrace() {
    String all = out + err;
    return all.contains("\tat ")
        || all.contains("Exception in thread")
        || all.contains("Caused by:");
  }
}
