package org.mmskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.ContentType;
import org.mmskit.core.MmsPart;

class PartJsonTest {

  @Test
  void describesATextPartWithoutItsParametersInTheType() throws Exception {
    MmsPart part =
        MmsPart.builder()
            .contentType(ContentType.parse("text/plain; charset=utf-8; name=\"note.txt\""))
            .contentId("t1")
            .body("héllo".getBytes(StandardCharsets.UTF_8))
            .build();
    Map<String, Object> json = PartJson.of(part);
    assertThat(json)
        .containsEntry("contentType", "text/plain")
        .containsEntry("charset", "utf-8")
        .containsEntry("name", "note.txt")
        .containsEntry("contentId", "t1")
        .containsEntry("size", 6L)
        .containsEntry(
            "sha256",
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest("héllo".getBytes(StandardCharsets.UTF_8))));
    assertThat(Json.write(json)).doesNotContain("contentLocation");
  }

  @Test
  void fileBackedAndInMemoryBodiesGiveTheSameEntry(@TempDir Path dir) throws Exception {
    byte[] body = new byte[70_000];
    new Random(3).nextBytes(body);
    Path file = Files.write(dir.resolve("pic.jpg"), body);
    Map<String, Object> fromFile = PartJson.of(MmsPart.ofFile("image/jpeg", file));
    Map<String, Object> inMemory =
        PartJson.of(
            MmsPart.builder()
                .contentType("image/jpeg")
                .contentLocation("pic.jpg")
                .body(body)
                .build());
    assertThat(fromFile).isEqualTo(inMemory);
    assertThat(fromFile)
        .containsEntry("size", 70_000L)
        .containsEntry("name", "pic.jpg")
        .containsEntry("sha256", PartJson.sha256Hex(body));
  }
}
