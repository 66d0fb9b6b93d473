package org.mmskit.core.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.MmsPart;
import org.mmskit.core.TimeSpec;

/**
 * A second opinion: Wireshark's MMSE dissector (through {@code shared/tools/mmse-decode}) reads our
 * encoder's output for each PDU type, and must see the same fields and values as our model holds.
 * Re-encoded corpus PDUs must look to Wireshark as the originals do. Skipped when tshark or the
 * tool is missing.
 */
class WiresharkOracleTest {

  /**
   * A varied selection of the corpus (tshark takes about two seconds a file): charset subjects with
   * a BOM, a UTF-16 part, m-send-req with Insert-address, a notification, an m-send-conf.
   */
  private static final List<String> ORACLE_CORPUS =
      List.of(
          "ofono-mmsd__rc-mms-1-3-con-211.mms",
          "ofono-mmsd__rc-mms-1-3-con-214.mms",
          "ofono-mmsd__sr-mms-related-multi-to.mms",
          "pymsg__SEC-SGHS300M.mms",
          "ofono-mmsd__ni-mms-1-3-con-271.mms",
          "ofono-mmsd-testc__mms_m_send_conf_1.mms");

  @TempDir Path tmp;

  /** One decoded file: its verdict and its fields in order (name, value, depth). */
  record Field(String name, String value, int depth) {}

  record Dissection(boolean ok, List<Field> fields) {
    List<String> values(String name) {
      List<String> out = new ArrayList<>();
      for (Field f : fields) {
        if (f.name.equals(name)) {
          out.add(f.value);
        }
      }
      return out;
    }
  }

  private static Path tool() {
    Path tool = Corpus.shared().resolve("tools").resolve("mmse-decode");
    Assumptions.assumeTrue(
        Files.isRegularFile(tool), "mmse-decode not found at " + tool.toAbsolutePath().normalize());
    boolean tshark = false;
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "tshark"))) {
        tshark = true;
      }
    }
    Assumptions.assumeTrue(tshark, "tshark is not installed: skipping the Wireshark oracle");
    return tool;
  }

  private Map<String, Dissection> dissect(Map<String, byte[]> pdus)
      throws IOException, InterruptedException {
    Path tool = tool();
    List<String> cmd = new ArrayList<>(List.of("bash", tool.toString(), "-f", "tsv"));
    Map<String, String> byPath = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> e : pdus.entrySet()) {
      Path f = tmp.resolve(e.getKey() + ".mms");
      Files.write(f, e.getValue());
      cmd.add(f.toString());
      byPath.put(f.toString(), e.getKey());
    }
    Path outFile = tmp.resolve("out.tsv");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(outFile.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("mmse-decode finished").isTrue();
    Map<String, Dissection> out = new LinkedHashMap<>();
    String current = null;
    boolean ok = false;
    List<Field> fields = null;
    for (String line : Files.readAllLines(outFile, StandardCharsets.UTF_8)) {
      if (line.startsWith("# ")) {
        if (current != null) {
          out.put(current, new Dissection(ok, fields));
        }
        String path = line.substring(2, line.indexOf(" size="));
        current = byPath.get(path);
        ok = line.contains("ok=yes");
        fields = new ArrayList<>();
      } else if (fields != null && !line.isBlank()) {
        int depth = 0;
        while (depth < line.length() && line.charAt(depth) == ' ') {
          depth++;
        }
        String[] cols = line.substring(depth).split("\t", -1);
        fields.add(new Field(cols[0], cols.length > 1 ? cols[1] : "", depth / 2));
      }
    }
    if (current != null) {
      out.put(current, new Dissection(ok, fields));
    }
    assertThat(out.keySet()).containsExactlyInAnyOrderElementsOf(pdus.keySet());
    return out;
  }

  private static String octet(int v) {
    return "0x" + Integer.toHexString(v).toLowerCase(Locale.ROOT);
  }

  /** The fields Wireshark should show for our model, by Wireshark field name, in order. */
  private static Map<String, List<String>> expected(MmsPdu pdu) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    put(m, "mmse.message_type", octet(pdu.type().code()));
    put(m, "mmse.mms_version", pdu.version().toString());
    pdu.transactionId().ifPresent(v -> put(m, "mmse.transaction_id", v));
    pdu.messageId().ifPresent(v -> put(m, "mmse.message_id", v));
    pdu.contentLocation().ifPresent(v -> put(m, "mmse.content_location", v));
    if (pdu.fromInsertAddress()) {
      put(m, "mmse.from", "<insert address>");
    }
    pdu.from().ifPresent(v -> put(m, "mmse.from", v));
    pdu.to().forEach(v -> put(m, "mmse.to", v));
    pdu.cc().forEach(v -> put(m, "mmse.cc", v));
    pdu.bcc().forEach(v -> put(m, "mmse.bcc", v));
    pdu.subject().ifPresent(v -> put(m, "mmse.subject", v));
    pdu.responseText().ifPresent(v -> put(m, "mmse.response_text", v));
    pdu.messageSize().ifPresent(v -> put(m, "mmse.message_size", Long.toString(v)));
    pdu.token(PduField.MESSAGE_CLASS).ifPresent(v -> put(m, "mmse.message_class.id", octet(v)));
    pdu.token(PduField.PRIORITY).ifPresent(v -> put(m, "mmse.priority", octet(v)));
    pdu.token(PduField.DELIVERY_REPORT).ifPresent(v -> put(m, "mmse.delivery_report", octet(v)));
    pdu.token(PduField.READ_REPORT).ifPresent(v -> put(m, "mmse.read_report", octet(v)));
    pdu.token(PduField.REPORT_ALLOWED).ifPresent(v -> put(m, "mmse.report_allowed", octet(v)));
    pdu.status().ifPresent(v -> put(m, "mmse.status", octet(v)));
    pdu.responseStatus().ifPresent(v -> put(m, "mmse.response_status", octet(v)));
    pdu.readStatus().ifPresent(v -> put(m, "mmse.read_status", octet(v)));
    pdu.expiry()
        .filter(TimeSpec::isRelative)
        .ifPresent(t -> put(m, "mmse.expiry.rel", t.relative().get().getSeconds() + ".000000000"));
    if (pdu.date().isPresent()) {
      put(m, "mmse.date", "Nov 14, 2023 22:13:20.000000000 UTC");
    }
    if (pdu.contentType().isPresent()) {
      put(m, "wsp.header.content_type", pdu.contentType().get().mediaType());
      pdu.contentType().get().parameter("start").ifPresent(v -> put(m, "wsp.parameter.start", v));
      int i = 1;
      for (MmsPart part : pdu.parts()) {
        put(m, "wsp.multipart", Integer.toString(i++));
        put(m, "wsp.header.content_type", part.contentType().mediaType());
        part.contentId().ifPresent(v -> put(m, "wsp.header.content_id", "\"<" + v + ">\""));
        part.contentLocation().ifPresent(v -> put(m, "wsp.header.content_location", v));
      }
    }
    return m;
  }

  private static void put(Map<String, List<String>> m, String k, String v) {
    m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
  }

  @Test
  void wiresharkReadsWhatWeWroteForEachPduType() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    Map<String, MmsPdu> models = new LinkedHashMap<>();
    for (MmsPdu pdu : SamplePdus.all()) {
      String name = pdu.type().specName();
      files.put(name, MmsPduEncoder.encode(pdu));
      models.put(name, pdu);
    }
    Map<String, Dissection> seen = dissect(files);
    for (Map.Entry<String, MmsPdu> e : models.entrySet()) {
      Dissection d = seen.get(e.getKey());
      assertThat(d.ok()).as(e.getKey() + " parsed cleanly by Wireshark").isTrue();
      for (Map.Entry<String, List<String>> f : expected(e.getValue()).entrySet()) {
        assertThat(d.values(f.getKey()))
            .as(e.getKey() + " " + f.getKey())
            .containsExactlyElementsOf(f.getValue());
      }
    }
  }

  @Test
  void reencodedCorpusPdusLookTheSameToWireshark() throws Exception {
    tool();
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (Path p : Corpus.files()) {
      if (!ORACLE_CORPUS.contains(p.getFileName().toString())) {
        continue;
      }
      byte[] original = Corpus.read(p);
      String name = p.getFileName().toString().replaceAll("\\W", "_");
      files.put("orig-" + name, original);
      files.put("ours-" + name, MmsPduEncoder.encodeUnchecked(MmsPduDecoder.decode(original)));
    }
    assertThat(files).hasSize(2 * ORACLE_CORPUS.size());
    Map<String, Dissection> seen = dissect(files);
    for (String key : files.keySet()) {
      if (!key.startsWith("orig-")) {
        continue;
      }
      Dissection orig = seen.get(key);
      Dissection ours = seen.get("ours-" + key.substring(5));
      assertThat(ours.ok()).as(key + " re-encoded parses cleanly").isTrue();
      assertThat(headerView(ours)).as(key).isEqualTo(headerView(orig));
      // and our decoder read the original as Wireshark did
      MmsPdu decoded = MmsPduDecoder.decode(files.get(key));
      Map<String, List<String>> want = expected(decoded);
      for (String field : DECODER_CHECKED) {
        List<String> values = want.getOrDefault(field, List.of());
        if (values.stream().allMatch(v -> v.chars().allMatch(c -> c >= 0x20 && c < 0x7F))) {
          assertThat(orig.values(field)).as(key + " " + field).isEqualTo(values);
        }
      }
    }
  }

  /** Fields compared between our decoder and Wireshark on real PDUs (ASCII values only). */
  private static final List<String> DECODER_CHECKED =
      List.of(
          "mmse.message_type",
          "mmse.mms_version",
          "mmse.transaction_id",
          "mmse.message_id",
          "mmse.from",
          "mmse.to",
          "mmse.cc",
          "mmse.subject",
          "mmse.message_size",
          "mmse.content_location",
          "mmse.response_status",
          "wsp.multipart",
          "wsp.header.content_type");

  /** The MMS header fields and the part content types, IDs and locations, in order. */
  private static List<String> headerView(Dissection d) {
    List<String> out = new ArrayList<>();
    for (Field f : d.fields()) {
      if (f.name().startsWith("mmse.")
          || f.name().equals("wsp.multipart")
          || f.name().equals("wsp.header.content_type")
          || f.name().equals("wsp.header.content_location")
          || f.name().equals("wsp.parameter.start")) {
        out.add(f.name() + "=" + f.value());
      } else if (f.name().equals("wsp.header.content_id")) {
        // we always write the brackets; compare the ID itself
        out.add(f.name() + "=" + f.value().replaceAll("[\"<>]", ""));
      }
    }
    return out;
  }
}
