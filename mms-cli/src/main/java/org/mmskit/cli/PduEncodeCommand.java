package org.mmskit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mmskit pdu encode --in message.json --out FILE}: builds a PDU from JSON. */
@Command(
    name = "encode",
    mixinStandardHelpOptions = true,
    description = {
      "Build a binary MMS PDU from a JSON object of the shape `pdu decode` prints.",
      "Each part takes its body from \"file\" (a path relative to the JSON file) or \"text\""
          + " (encoded in the part's charset, UTF-8 by default).",
      "Enumerated header values are given by name as `pdu decode` prints them (\"High\", \"Yes\")"
          + " or as numbers; a part of non-ASCII text gets charset=utf-8; without contentType,"
          + " the parts decide (multipart/related with a SMIL part, else multipart/mixed).",
      "Prints one JSON line: {\"file\",\"bytes\"} when the PDU was written, {\"error\"} on bad"
          + " input.",
      "Exit status: 0 when the PDU was written, 1 on bad input."
    })
final class PduEncodeCommand implements Callable<Integer> {
  private static final long MAX_JSON = 16L * 1024 * 1024;

  @Option(
      names = "--in",
      required = true,
      paramLabel = "JSON",
      description = "The message as JSON.")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The PDU to write.")
  Path out;

  @Option(
      names = "--no-check",
      description = "Write the PDU even when a header its type requires is missing.")
  boolean noCheck;

  @Override
  public Integer call() {
    try {
      if (Files.size(in) > MAX_JSON) {
        return fail("JSON file larger than " + MAX_JSON + " bytes");
      }
      String text = Files.readString(in, StandardCharsets.UTF_8);
      Object json = Json.parse(text.strip());
      if (!(json instanceof Map)) {
        return fail("the JSON must be an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) json;
      Path base = in.toAbsolutePath().getParent();
      MmsPdu pdu = PduJson.fromJson(m, base);
      byte[] bytes = noCheck ? MmsPduEncoder.encodeUnchecked(pdu) : MmsPduEncoder.encode(pdu);
      Files.write(out, bytes);
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("file", out.toString());
      line.put("bytes", (long) bytes.length);
      System.out.println(Json.write(line));
      return 0;
    } catch (IOException | RuntimeException e) {
      return fail(Errors.describe(e));
    }
  }

  private int fail(String message) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("file", in.toString());
    line.put("error", message);
    System.out.println(Json.write(line));
    return 1;
  }
}
