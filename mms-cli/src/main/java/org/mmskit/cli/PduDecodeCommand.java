package org.mmskit.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mmskit.core.MmsPart;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduDecoder;
import org.mmskit.core.pdu.MmsPduException;
import org.mmskit.core.pdu.PduLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mmskit pdu decode FILE...}: one JSON object per line and file. */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = {
      "Decode binary MMS PDUs and print one JSON object per line and file.",
      "Members: file, messageType, mmsVersion, transactionId, messageId, from, to, cc, bcc, subject,"
          + " date (epoch seconds), contentType, contentTypeParameters, contentLocation, status and"
          + " responseStatus (by name as Wireshark shows them, e.g. \"Retrieved\", \"Ok\"),"
          + " headers (every other header by name; enumerated values by name) and parts"
          + " ({contentType, charset, name, contentId, contentLocation, size, sha256}). Absent"
          + " members are left out.",
      "A file that cannot be read or decoded gives {\"file\",\"error\",\"offset\"} on its line.",
      "Exit status: 0 when every file decoded, 1 otherwise."
    })
final class PduDecodeCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "PDU files to decode.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--save-parts",
      paramLabel = "DIR",
      description =
          "Also write each part body to DIR (as <pdu file name>.part<N>) and name it in the"
              + " part's \"file\" member, so that the output can be fed to `pdu encode`.")
  Path savePartsTo;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    boolean allOk = true;
    for (Path file : files) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("file", file.toString());
      try {
        line.putAll(decode(file));
      } catch (MmsPduException e) {
        allOk = false;
        line.put("error", e.getMessage());
        if (e.offset() >= 0) {
          line.put("offset", e.offset());
        }
      } catch (NoSuchFileException e) {
        allOk = false;
        line.put("error", "no such file");
      } catch (IOException | RuntimeException e) {
        allOk = false;
        line.put("error", describe(e));
      }
      out.println(Json.write(line));
    }
    out.flush();
    return allOk ? 0 : 1;
  }

  private Map<String, Object> decode(Path file) throws IOException {
    long size = Files.size(file);
    if (size > PduLimits.DEFAULT.maxPduSize()) {
      throw new IOException(
          "file of " + size + " bytes exceeds the PDU limit of " + PduLimits.DEFAULT.maxPduSize());
    }
    byte[] bytes = Files.readAllBytes(file);
    MmsPdu pdu = MmsPduDecoder.decode(bytes);
    PduJson.PartSink sink = null;
    if (savePartsTo != null) {
      Files.createDirectories(savePartsTo);
      String base = String.valueOf(file.getFileName());
      sink =
          (int index, MmsPart part) -> {
            Path target = savePartsTo.resolve(base + ".part" + index).toAbsolutePath();
            Files.write(target, part.bytes());
            return target;
          };
    }
    return PduJson.toJson(pdu, sink);
  }

  static String describe(Exception e) {
    return Errors.describe(e);
  }
}
