package org.mmskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.Transport;
import org.mmskit.testkit.MockMmsc;

/** What {@code listen} prints and saves is readable, whatever the network sent. */
class ListenOutputTest {
  @TempDir Path dir;

  @Test
  void textPartsAreShownDecodedCutAndEscapedAndSavedFilesGetExtensions() throws Exception {
    Path save = dir.resolve("saved");
    String hostile = "ok\u001B[2J\u009B31m\u2028next";
    MmsMessage m =
        MmsMessage.builder()
            .from(Address.phone("+15551234567"))
            .to(Address.shortCode("12345"))
            .addPart(MmsPart.text("Grüße", Charset.forName("ISO-8859-1")))
            .addPart(MmsPart.text("x".repeat(50)))
            .addPart(MmsPart.text(hostile))
            .addPart(MmsPart.of("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8}))
            .build();
    for (Transport t : List.of(Transport.MM7, Transport.EAIF)) {
      try (CapturedRun capture = new CapturedRun();
          MockMmsc mmsc = MockMmsc.start()) {
        Background listen =
            Background.start(
                "listen",
                t == Transport.MM7 ? "--mm7" : "--eaif",
                "--count",
                "1",
                "--max-text",
                "20",
                "--save-dir",
                save.resolve(t.name()).toString());
        URI uri = EaifCommandsTest.awaitListening(capture);
        assertThat(mmsc.deliver(uri, t, m).isSuccess()).isTrue();
        assertThat(listen.stop()).isZero();

        String raw = capture.out();
        assertThat(raw.chars().filter(c -> c < 0x20 && c != '\n' || c >= 0x7F && c < 0xA0))
            .isEmpty();
        assertThat(raw).doesNotContain("\u2028").contains("\\u001B[2J\\u009B31m\\u2028next");
        List<?> parts = (List<?>) CapturedRun.jsonLines(raw).get(0).get("parts");
        assertThat(parts)
            .anySatisfy(
                p ->
                    assertThat(CapturedRun.map(p))
                        .containsEntry("text", "Grüße")
                        .containsEntry("charset", "iso-8859-1")
                        .doesNotContainKey("textTruncated"))
            .anySatisfy(
                p ->
                    assertThat(CapturedRun.map(p))
                        .containsEntry("text", "x".repeat(20))
                        .containsEntry("textTruncated", true))
            .anySatisfy(p -> assertThat(CapturedRun.map(p)).containsEntry("text", hostile));
        try (Stream<Path> files = Files.list(save.resolve(t.name()))) {
          assertThat(files.map(f -> f.getFileName().toString()))
              .anyMatch(n -> n.endsWith(".jpg"))
              .anyMatch(n -> n.endsWith(".txt"));
        }
      }
    }
  }
}
