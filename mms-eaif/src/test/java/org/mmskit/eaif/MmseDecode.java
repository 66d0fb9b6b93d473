package org.mmskit.eaif;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shared {@code tools/mmse-decode} (Wireshark's MMS dissector) on a PDU and reads its TSV
 * output. Skips the calling test when the tool or tshark is missing.
 */
final class MmseDecode {
  private MmseDecode() {}

  /** Wireshark's verdict and its fields, in order. */
  record Result(boolean ok, List<String[]> fields, String output) {
    List<String> values(String field) {
      List<String> out = new ArrayList<>();
      for (String[] f : fields) {
        if (f[0].equals(field)) {
          out.add(f[1]);
        }
      }
      return out;
    }

    @Override
    public String toString() {
      return output;
    }
  }

  static Result run(byte[] pdu) throws IOException, InterruptedException {
    String shared = System.getProperty("mmskit.shared");
    assumeTrue(shared != null, "mmskit.shared is not set: Wireshark cross-check skipped");
    Path tool = Paths.get(shared, "tools", "mmse-decode");
    assumeTrue(
        Files.isExecutable(tool),
        "no " + tool.toAbsolutePath().normalize() + ": Wireshark cross-check skipped");
    assumeTrue(onPath("tshark") && onPath("text2pcap"), "tshark missing: Wireshark check skipped");
    Path file = Files.createTempFile("eaif-", ".mms");
    try {
      Files.write(file, pdu);
      Process p =
          new ProcessBuilder(tool.toString(), "-f", "tsv", file.toString())
              .redirectErrorStream(true)
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("mmse-decode did not finish");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      assumeTrue(p.exitValue() != 1, "mmse-decode could not run: " + text);
      List<String[]> fields = new ArrayList<>();
      boolean ok = false;
      for (String line : text.split("\n")) {
        if (line.startsWith("#")) {
          ok = line.contains("ok=yes");
          continue;
        }
        String[] cols = line.trim().split("\t");
        if (cols.length >= 2) {
          fields.add(cols);
        }
      }
      return new Result(ok && p.exitValue() == 0, fields, text);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static boolean onPath(String exe) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Paths.get(dir, exe))) {
        return true;
      }
    }
    return false;
  }
}
