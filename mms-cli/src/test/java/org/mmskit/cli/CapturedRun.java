package org.mmskit.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@link Main} in-process with standard output and error captured. */
final class CapturedRun implements AutoCloseable {
  private final PrintStream oldOut = System.out;
  private final PrintStream oldErr = System.err;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  CapturedRun() {
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  static Result run(String... args) {
    try (CapturedRun c = new CapturedRun()) {
      int status = Main.run(args);
      return new Result(status, c.out(), c.err());
    }
  }

  String out() {
    synchronized (System.out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  /** Exit status and output of one run. */
  record Result(int status, String out, String err) {
    /** Standard output parsed as one JSON object per line. */
    List<Map<String, Object>> lines() {
      return jsonLines(out);
    }

    Map<String, Object> line() {
      List<Map<String, Object>> l = lines();
      if (l.size() != 1) {
        throw new AssertionError("expected one JSON line, got: " + out + " / stderr: " + err);
      }
      return l.get(0);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> jsonLines(String text) {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        lines.add((Map<String, Object>) Json.parse(line.trim()));
      }
    }
    return lines;
  }

  /** A JSON object member seen as a map. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }
}
