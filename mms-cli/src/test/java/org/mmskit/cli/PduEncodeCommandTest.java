package org.mmskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PduEncodeCommandTest {

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> corpusFiles()
      throws IOException {
    return PduDecodeCommandTest.corpusFiles();
  }

  /** decode → JSON → encode → decode gives the same fields, for every corpus PDU. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("corpusFiles")
  void roundTripThroughJsonKeepsEveryField(
      String file, String type, String version, @TempDir Path dir) throws IOException {
    PduDecodeCommandTest.corpus();
    Path parts = dir.resolve("parts");
    CliRun first = CliRun.run("pdu", "decode", "--save-parts", parts.toString(), file);
    assertThat(first.status).as(first.out).isZero();
    Map<String, Object> json = first.jsonLines().get(0);

    Path jsonFile = Files.writeString(dir.resolve("message.json"), Json.write(json));
    Path pdu = dir.resolve("again.mms");
    CliRun encode =
        CliRun.run(
            "pdu", "encode", "--no-check", "--in", jsonFile.toString(), "--out", pdu.toString());
    assertThat(encode.status).as(encode.out).isZero();
    assertThat(encode.printedStackTrace()).isFalse();

    CliRun second = CliRun.run("pdu", "decode", pdu.toString());
    assertThat(second.status).as(second.out).isZero();
    assertThat(withoutFiles(second.jsonLines().get(0))).isEqualTo(withoutFiles(json));
  }

  @Test
  void buildsASendReqFromTextAndFileParts(@TempDir Path dir) throws IOException {
    byte[] image = new byte[3000];
    new java.util.Random(7).nextBytes(image);
    Files.createDirectories(dir.resolve("media"));
    Files.write(dir.resolve("media/photo.jpg"), image);
    String json =
        "{\"messageType\":\"m-send-req\",\"mmsVersion\":\"1.2\",\"transactionId\":\"tx-1\","
            + "\"to\":[\"+15551234567/TYPE=PLMN\",\"a@example.org\"],\"cc\":[\"+15550000000/TYPE=PLMN\"],"
            + "\"subject\":\"Grüße aus Köln\",\"date\":1764000000,"
            + "\"headers\":{\"From\":{\"insertAddress\":true},\"X-Mms-Delivery-Report\":128,"
            + "\"X-Mms-Expiry\":{\"relative\":86400},\"X-Custom\":\"yes\"},"
            + "\"contentType\":\"application/vnd.wap.multipart.mixed\","
            + "\"parts\":[{\"contentType\":\"text/plain\",\"charset\":\"utf-8\",\"contentId\":\"t1\","
            + "\"contentLocation\":\"hello.txt\",\"text\":\"Hallo Welt\"},"
            + "{\"contentType\":\"image/jpeg\",\"contentLocation\":\"photo.jpg\","
            + "\"file\":\"media/photo.jpg\"}]}";
    Path in = Files.writeString(dir.resolve("m.json"), json, StandardCharsets.UTF_8);
    Path out = dir.resolve("m.mms");

    CliRun encode = CliRun.run("pdu", "encode", "--in", in.toString(), "--out", out.toString());
    assertThat(encode.status).as(encode.err).isZero();
    assertThat(Files.readAllBytes(out)[0] & 0xFF).isEqualTo(0x8C);

    Map<String, Object> d = CliRun.run("pdu", "decode", out.toString()).jsonLines().get(0);
    assertThat(d)
        .containsEntry("messageType", "m-send-req")
        .containsEntry("mmsVersion", "1.2")
        .containsEntry("transactionId", "tx-1")
        .containsEntry("to", List.of("+15551234567/TYPE=PLMN", "a@example.org"))
        .containsEntry("cc", List.of("+15550000000/TYPE=PLMN"))
        .containsEntry("subject", "Grüße aus Köln")
        .containsEntry("date", 1764000000L)
        .containsEntry("contentType", "application/vnd.wap.multipart.mixed")
        .doesNotContainKey("from");
    Map<?, ?> headers = (Map<?, ?>) d.get("headers");
    assertThat(headers.get("From")).isEqualTo(Map.of("insertAddress", true));
    assertThat(headers.get("X-Mms-Delivery-Report")).isEqualTo("Yes");
    assertThat(headers.get("X-Mms-Expiry")).isEqualTo(Map.of("relative", 86400L));
    assertThat(headers.get("X-Custom")).isEqualTo("yes");
    List<?> parts = (List<?>) d.get("parts");
    assertThat(parts).hasSize(2);
    Map<?, ?> text = (Map<?, ?>) parts.get(0);
    byte[] hallo = "Hallo Welt".getBytes(StandardCharsets.UTF_8);
    assertThat(text.get("contentType")).isEqualTo("text/plain");
    assertThat(((String) text.get("charset")).toLowerCase()).isEqualTo("utf-8");
    assertThat(text.get("contentId")).isEqualTo("t1");
    assertThat(text.get("size")).isEqualTo((long) hallo.length);
    assertThat(text.get("sha256")).isEqualTo(PartJson.sha256Hex(hallo));
    Map<?, ?> img = (Map<?, ?>) parts.get(1);
    assertThat(img.get("contentType")).isEqualTo("image/jpeg");
    assertThat(img.get("name")).isEqualTo("photo.jpg");
    assertThat(img.get("size")).isEqualTo(3000L);
    assertThat(img.get("sha256")).isEqualTo(PartJson.sha256Hex(image));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"messageType\":\"m-send-req\"",
        "[1,2]",
        "{\"mmsVersion\":\"1.2\"}",
        "{\"messageType\":\"m-no-such-type\"}",
        "{\"messageType\":\"m-send-conf\",\"date\":\"yesterday\"}",
        "{\"messageType\":\"m-send-req\",\"transactionId\":\"t\",\"to\":[\"a@b.c\"],"
            + "\"contentType\":\"text/plain\",\"parts\":[{\"contentType\":\"text/plain\","
            + "\"file\":\"does-not-exist.txt\"}]}",
        "{\"messageType\":\"m-send-req\",\"transactionId\":\"t\",\"to\":[\"a@b.c\"],"
            + "\"contentType\":\"text/plain\",\"parts\":[{\"contentType\":\"text/plain\"}]}",
        "{\"messageType\":\"m-send-conf\",\"headers\":{\"X-Mms-Priority\":7}}",
        "{\"messageType\":\"m-send-req\",\"to\":[\"a@b.c\"]}"
      })
  void badInputIsRefusedWithAMessage(String json, @TempDir Path dir) throws IOException {
    Path in = Files.writeString(dir.resolve("bad.json"), json);
    Path out = dir.resolve("out.mms");
    CliRun r = CliRun.run("pdu", "encode", "--in", in.toString(), "--out", out.toString());
    assertThat(r.status).isEqualTo(1);
    Map<String, Object> line = r.jsonLines().get(0);
    assertThat(line).containsEntry("file", in.toString()).containsKey("error");
    assertThat((String) line.get("error")).doesNotContainPattern("[A-Za-z]+Exception");
    assertThat(r.printedStackTrace()).isFalse();
    assertThat(out).doesNotExist();
  }

  @Test
  void enumeratedValuesByNameOrNumberRoundTripAsWiresharkNamesThem(@TempDir Path dir)
      throws IOException {
    String json =
        "{\"messageType\":\"m-send-req\",\"transactionId\":\"t\",\"to\":[\"a@b.c\"],"
            + "\"headers\":{\"From\":{\"insertAddress\":true},\"X-Mms-Priority\":\"high\",\"X-Mms-Read-Report\":129,"
            + "\"X-Mms-Message-Class\":\"Personal\",\"X-Mms-Sender-Visibility\":\"Show\"},"
            + "\"parts\":[{\"contentType\":\"text/plain\",\"text\":\"Grüße\"}]}";
    Path in = Files.writeString(dir.resolve("m.json"), json, StandardCharsets.UTF_8);
    Path out = dir.resolve("m.mms");
    CliRun encode = CliRun.run("pdu", "encode", "--in", in.toString(), "--out", out.toString());
    assertThat(encode.status).as(encode.out).isZero();
    assertThat(encode.jsonLines().get(0)).containsEntry("file", out.toString());

    Map<String, Object> d = CliRun.run("pdu", "decode", out.toString()).jsonLines().get(0);
    Map<?, ?> headers = (Map<?, ?>) d.get("headers");
    assertThat(headers.get("X-Mms-Priority")).isEqualTo("High");
    assertThat(headers.get("X-Mms-Read-Report")).isEqualTo("No");
    assertThat(headers.get("X-Mms-Message-Class")).isEqualTo("Personal");
    assertThat(headers.get("X-Mms-Sender-Visibility")).isEqualTo("Show");
    // Without a contentType the parts decide; the non-ASCII text says it is UTF-8.
    assertThat(d).containsEntry("contentType", "application/vnd.wap.multipart.mixed");
    Map<?, ?> text = (Map<?, ?>) ((List<?>) d.get("parts")).get(0);
    assertThat(text.get("charset")).isEqualTo("utf-8");
    assertThat(text.get("sha256"))
        .isEqualTo(PartJson.sha256Hex("Grüße".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aSmilPartMakesTheInferredTypeRelated(@TempDir Path dir) throws IOException {
    String json =
        "{\"messageType\":\"m-send-req\",\"transactionId\":\"t\",\"to\":[\"a@b.c\"],"
            + "\"from\":\"+15551234567/TYPE=PLMN\","
            + "\"parts\":[{\"contentType\":\"application/smil\",\"contentId\":\"<s>\","
            + "\"text\":\"<smil/>\"},{\"contentType\":\"text/plain\",\"text\":\"hi\"}]}";
    Path in = Files.writeString(dir.resolve("m.json"), json, StandardCharsets.UTF_8);
    Path out = dir.resolve("m.mms");
    assertThat(CliRun.run("pdu", "encode", "--in", in.toString(), "--out", out.toString()).status)
        .isZero();
    Map<String, Object> d = CliRun.run("pdu", "decode", out.toString()).jsonLines().get(0);
    assertThat(d).containsEntry("contentType", "application/vnd.wap.multipart.related");
    assertThat(CapturedRun.map(d.get("contentTypeParameters")))
        .containsEntry("type", "application/smil");
    Map<?, ?> plain = (Map<?, ?>) ((List<?>) d.get("parts")).get(1);
    assertThat(plain.get("charset")).isNull();
  }

  @Test
  void anUnknownNameIsRefusedNamingTheValidOnes(@TempDir Path dir) throws IOException {
    String json =
        "{\"messageType\":\"m-send-conf\",\"transactionId\":\"t\","
            + "\"responseStatus\":\"Ok\",\"headers\":{\"X-Mms-Priority\":\"Urgent\"}}";
    Path in = Files.writeString(dir.resolve("m.json"), json, StandardCharsets.UTF_8);
    CliRun r =
        CliRun.run(
            "pdu", "encode", "--in", in.toString(), "--out", dir.resolve("o.mms").toString());
    assertThat(r.status).isEqualTo(1);
    assertThat((String) r.jsonLines().get(0).get("error"))
        .contains("X-Mms-Priority")
        .contains("Urgent")
        .contains("\"Low\", \"Normal\", \"High\"");

    String status = "{\"messageType\":\"m-send-conf\",\"responseStatus\":\"Fine\"}";
    Path in2 = Files.writeString(dir.resolve("s.json"), status, StandardCharsets.UTF_8);
    CliRun r2 =
        CliRun.run(
            "pdu", "encode", "--in", in2.toString(), "--out", dir.resolve("p.mms").toString());
    assertThat((String) r2.jsonLines().get(0).get("error"))
        .contains("responseStatus")
        .contains("\"Ok\"")
        .contains("\"Permanent: Service denied\"");
  }

  @Test
  void missingInputFileIsRefused(@TempDir Path dir) {
    CliRun r =
        CliRun.run(
            "pdu",
            "encode",
            "--in",
            dir.resolve("nope.json").toString(),
            "--out",
            dir.resolve("o.mms").toString());
    assertThat(r.status).isEqualTo(1);
    assertThat((String) r.jsonLines().get(0).get("error")).startsWith("no such file");
    assertThat(r.printedStackTrace()).isFalse();
  }

  private static Map<String, Object> withoutFiles(Map<String, Object> json) {
    Map<String, Object> m = new LinkedHashMap<>(json);
    m.remove("file");
    Object parts = m.get("parts");
    if (parts instanceof List) {
      List<Object> stripped = new java.util.ArrayList<>();
      for (Object p : (List<?>) parts) {
        Map<Object, Object> copy = new LinkedHashMap<>((Map<?, ?>) p);
        copy.remove("file");
        stripped.add(copy);
      }
      m.put("parts", stripped);
    }
    return m;
  }
}
