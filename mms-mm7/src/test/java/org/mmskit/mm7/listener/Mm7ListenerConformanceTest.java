package org.mmskit.mm7.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.mm7.Mm7InboundDetail;
import org.mmskit.mm7.Mm7Listener;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body.DeliverRsp;
import org.mmskit.mm7.internal.Mm7Body.DeliveryReportRsp;
import org.mmskit.mm7.internal.Mm7Body.ErrorRsp;
import org.mmskit.mm7.internal.Mm7Body.Fault;
import org.mmskit.mm7.internal.Mm7Envelope;

/**
 * Every request in {@code ${mmskit.shared}/conformance/mm7}, posted to a running listener as a real
 * MMSC would post it: the MMSC-to-VASP requests are accepted and reach the callback with the right
 * fields; everything else (responses, VASP-side requests, damaged or truncated samples) gets a
 * VASPErrorRsp fault with a 4xx status. After each one the listener still serves a good request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Mm7ListenerConformanceTest {

  /** What the listener must make of each accepted sample. */
  private static final Map<String, Consumer<Object>> ACCEPTED =
      Map.of(
          "instantcom-deliverreq-binaryjpeg-crlf.txt",
          got -> {
            IncomingMessage in = (IncomingMessage) got;
            assertThat(in.context().transactionId()).contains("11398c6a2e9f00000010");
            assertThat(in.context().protocolVersion()).contains("6.8.0");
            assertThat(in.context().detail(Mm7InboundDetail.class).map(Mm7InboundDetail::namespace))
                .contains(Mm7Version.REL_6_MM7_1_4.namespace());
            assertThat(
                    in.context()
                        .detail(Mm7InboundDetail.class)
                        .flatMap(Mm7InboundDetail::relayServerId))
                .contains("xmmc1");
            assertThat(in.message().from()).contains(Address.phone("+381600001200"));
            assertThat(in.message().to()).containsExactly(Address.shortCode("121399"));
            assertThat(in.message().allParts())
                .extracting(p -> p.contentType().mediaType())
                .contains("application/smil", "image/jpeg");
          },
          "instantcom-deliverreq-minimal-nosender-base64.txt",
          got -> {
            IncomingMessage in = (IncomingMessage) got;
            assertThat(in.context().transactionId()).contains("0Q296S401H79CPSU13V1K431DRK3G49M");
            assertThat(in.message().from()).isEmpty();
            MmsPart jpeg =
                in.message().allParts().stream()
                    .filter(p -> p.contentType().mediaType().equals("image/jpeg"))
                    .findFirst()
                    .orElseThrow();
            // base64 decoded: a JPEG starts with FF D8
            assertThat(Arrays.copyOf(jpeg.bytes(), 2)).containsExactly(0xFF, 0xD8);
          },
          "instantcom-deliverreq-rel6-nestedmixed.txt",
          got -> {
            IncomingMessage in = (IncomingMessage) got;
            assertThat(in.context().transactionId()).contains("vas00324-dlvr");
            assertThat(in.message().allParts())
                .extracting(p -> p.contentType().mediaType())
                .contains("text/plain", "image/gif");
          },
          "instantcom-deliverreq-rel6-textpart.txt",
          got -> {
            IncomingMessage in = (IncomingMessage) got;
            assertThat(in.context().transactionId()).contains("vas00324-dlvr");
            assertThat(in.context().protocolVersion()).contains("6.7.0");
            assertThat(
                    in.context()
                        .detail(Mm7InboundDetail.class)
                        .flatMap(Mm7InboundDetail::relayServerId))
                .contains("240.110.75.34");
            assertThat(in.message().from()).contains(Address.email("97254265781@OMMS.com"));
            assertThat(in.message().subject()).contains("Weather Forecast");
            assertThat(in.message().linkedId()).contains("wthr8391");
            assertThat(in.message().allParts()).hasSize(1);
            assertThat(in.message().allParts().get(0).text()).startsWith("Los Angeles");
          },
          "skycore-deliveryreportreq-example.txt",
          got -> {
            DeliveryReport r = (DeliveryReport) got;
            assertThat(r.context().transactionId()).contains("10000001");
            assertThat(r.messageId()).isEqualTo("369500617770864640");
            assertThat(r.status()).isEqualTo(DeliveryStatus.RETRIEVED);
            assertThat(r.recipient()).contains(Address.phone("16175550123"));
            assertThat(r.statusText()).contains("Success");
          });

  private final RecordingListener recorder = new RecordingListener();
  private final MmscPeer mmsc = new MmscPeer();
  private Mm7Listener listener;

  @BeforeAll
  void start() {
    listener = Mm7Listener.builder().port(0).listener(recorder).start();
  }

  @AfterAll
  void stop() {
    listener.close();
  }

  static Path folder() {
    String shared = System.getProperty("mmskit.shared");
    return shared == null ? null : Path.of(shared, "conformance", "mm7");
  }

  static Stream<String> samples() throws IOException {
    Path dir = folder();
    assumeTrue(
        dir != null && Files.isDirectory(dir),
        "MM7 conformance samples not found at "
            + (dir == null
                ? "(system property mmskit.shared not set)"
                : dir.toAbsolutePath().normalize())
            + ": skipping");
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".txt") && !n.equals("SOURCES.txt"))
          .sorted()
          .collect(Collectors.toList())
          .stream();
    }
  }

  @Test
  void everyExpectedSampleExists() throws IOException {
    assertThat(samples().collect(Collectors.toList())).containsAll(ACCEPTED.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleIsAcceptedOrRefusedClearlyAndTheListenerKeepsServing(String name) throws Exception {
    Sample s = Sample.load(folder().resolve(name));
    recorder.received.clear();

    HttpResponse<byte[]> response = mmsc.post(listener.uri(), s.contentType, s.body, null);
    String text = new String(response.body(), StandardCharsets.UTF_8);

    Consumer<Object> check = ACCEPTED.get(name);
    if (check != null) {
      assertThat(response.statusCode()).as(text).isEqualTo(200);
      assertThat(recorder.received).hasSize(1);
      check.accept(recorder.received.get(0));
      Mm7Envelope reply = MmscPeer.read(response);
      Object body = reply.body();
      assertThat(body).isInstanceOfAny(DeliverRsp.class, DeliveryReportRsp.class);
      assertThat(reply.transactionId()).isEqualTo(contextTransaction(recorder.received.get(0)));
    } else {
      assertThat(response.statusCode()).as(text).isEqualTo(500);
      assertThat(recorder.received).isEmpty();
      Fault f = (Fault) MmscPeer.read(response).body();
      assertThat(f.faultCode()).endsWith("Client");
      ErrorRsp e = f.detail().orElseThrow();
      assertThat(e.fromRelay()).isFalse();
      assertThat(e.status().code()).isIn(2007, 4003, 4004);
      assertThat(e.status().details()).isPresent();
    }

    recorder.received.clear();
    HttpResponse<byte[]> next =
        mmsc.post(
            listener.uri(),
            MmscPeer.encode("after-" + name, Mm7Version.DEFAULT, MmscPeer.deliveryReportReq()));
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(recorder.received).hasSize(1);
  }

  private static java.util.Optional<String> contextTransaction(Object got) {
    return got instanceof IncomingMessage m
        ? m.context().transactionId()
        : ((DeliveryReport) got).context().transactionId();
  }

  /** A sample as an MMSC would post it: the HTTP Content-Type and the body bytes. */
  record Sample(String contentType, byte[] body) {
    static Sample load(Path file) throws IOException {
      byte[] all = Files.readAllBytes(file);
      String head = new String(all, 0, Math.min(all.length, 16), StandardCharsets.ISO_8859_1);
      if (head.startsWith("HTTP/") || head.startsWith("POST ")) {
        return withHeaders(all);
      }
      int delimiter = firstDelimiterLine(all, 0);
      if (delimiter >= 0 && !head.startsWith("<")) {
        return new Sample(multipart(all, delimiter), all);
      }
      return new Sample("text/xml; charset=utf-8", all);
    }

    /** A file holding an HTTP message: headers up to the blank line, then the body. */
    private static Sample withHeaders(byte[] all) {
      String contentType = null;
      int pos = 0;
      boolean firstLine = true;
      while (pos < all.length) {
        int end = indexOf(all, (byte) '\n', pos);
        if (end < 0) {
          end = all.length;
        }
        String line =
            new String(all, pos, end - pos, StandardCharsets.ISO_8859_1).replace("\r", "");
        if (line.isEmpty() || (!firstLine && line.startsWith("--"))) {
          if (line.isEmpty()) {
            pos = end + 1;
          }
          break;
        }
        if (!firstLine && Character.isWhitespace(line.charAt(0)) && contentType != null) {
          contentType += " " + line.trim();
        } else if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")) {
          contentType = line.substring(13).trim();
        }
        firstLine = false;
        pos = end + 1;
      }
      byte[] body = Arrays.copyOfRange(all, Math.min(pos, all.length), all.length);
      return new Sample(contentType == null ? "text/xml" : contentType, body);
    }

    private static String multipart(byte[] all, int lineStart) {
      int end = indexOf(all, (byte) '\n', lineStart);
      String boundary =
          new String(all, lineStart + 2, end - lineStart - 2, StandardCharsets.ISO_8859_1).trim();
      return "multipart/related; boundary=\"" + boundary + "\"; type=\"text/xml\"";
    }

    private static int firstDelimiterLine(byte[] all, int from) {
      int pos = from;
      for (int lines = 0; pos < all.length && lines < 5; lines++) {
        if (pos + 1 < all.length && all[pos] == '-' && all[pos + 1] == '-') {
          return pos;
        }
        int end = indexOf(all, (byte) '\n', pos);
        if (end < 0) {
          return -1;
        }
        pos = end + 1;
      }
      return -1;
    }

    private static int indexOf(byte[] a, byte b, int from) {
      for (int i = from; i < a.length; i++) {
        if (a[i] == b) {
          return i;
        }
      }
      return -1;
    }
  }

  @Test
  void sampleParserFindsTheBoundaryAfterAPreamble() {
    byte[] body =
        "preamble line\r\n--abc 1\r\nContent-Type: text/xml\r\n\r\n<x/>\r\n--abc 1--\r\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(Sample.multipart(body, Sample.firstDelimiterLine(body, 0)))
        .isEqualTo("multipart/related; boundary=\"abc 1\"; type=\"text/xml\"");
    assertThat(List.of(Sample.firstDelimiterLine("<a/>\n".getBytes(StandardCharsets.UTF_8), 0)))
        .containsExactly(-1);
  }
}
