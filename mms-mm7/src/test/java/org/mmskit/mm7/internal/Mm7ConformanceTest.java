package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.Priority;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body.DeliverReq;
import org.mmskit.mm7.internal.Mm7Body.DeliverRsp;
import org.mmskit.mm7.internal.Mm7Body.DeliveryReportReq;
import org.mmskit.mm7.internal.Mm7Body.DeliveryReportRsp;
import org.mmskit.mm7.internal.Mm7Body.Fault;
import org.mmskit.mm7.internal.Mm7Body.ReadReplyRsp;
import org.mmskit.mm7.internal.Mm7Body.SubmitReq;
import org.mmskit.mm7.internal.Mm7Body.SubmitRsp;

/**
 * Every request and response in {@code ../shared/conformance/mm7} is either read with the expected
 * content or refused with a clear {@link MmsMalformedException}, as a lenient peer would.
 */
class Mm7ConformanceTest {

  /** What reading each sample must give. A file without an entry fails the coverage test. */
  private static final Map<String, Consumer<Mm7Envelope>> READ =
      Map.ofEntries(
          Map.entry(
              "csdn-submitreq-chinamobile-mm7api-rel6-1-0-TRUNCATED.txt",
              env -> {
                assertThat(env.version().schema()).isEqualTo("REL-6-MM7-1-0");
                assertThat(env.version().mm7Version()).isEqualTo("6.3.0");
                assertThat(env.transactionId()).contains("11111111");
                SubmitReq s = (SubmitReq) env.body();
                assertThat(s.vaspId()).contains("1234");
                assertThat(s.vasId()).contains("1234");
                assertThat(s.message().to()).containsExactly(Address.phone("155003657"));
                assertThat(s.message().serviceCode()).contains("123");
                assertThat(s.message().from()).isEmpty();
              }),
          Map.entry(
              "instantcom-deliverreq-binaryjpeg-crlf.txt",
              env -> {
                DeliverReq d = (DeliverReq) env.body();
                assertThat(env.transactionId()).contains("11398c6a2e9f00000010");
                assertThat(d.relayServerId()).contains("xmmc1");
                assertThat(d.vaspId()).contains("xmmc");
                MmsMessage m = d.message();
                assertThat(m.from()).contains(Address.phone("+381600001200"));
                assertThat(m.to()).containsExactly(Address.shortCode("121399"));
                assertThat(m.subject()).contains("(no subject)");
                assertThat(m.date()).contains(Instant.parse("2012-09-03T13:55:25Z"));
                assertThat(m.priority()).contains(Priority.NORMAL);
                // mm7:href="cid: content_15" resolves to "Content-ID: content_15"
                assertThat(m.presentation()).isPresent();
                assertThat(m.presentation().get().contentId()).contains("smil");
                assertThat(m.parts()).hasSize(1);
                MmsPart jpeg = m.parts().get(0);
                assertThat(jpeg.contentType().mediaType()).isEqualTo("image/jpeg");
                assertThat(jpeg.contentId()).contains("DCIM_11");
                assertThat(jpeg.size().getAsLong()).isGreaterThan(10_000);
              }),
          Map.entry(
              "instantcom-deliverreq-minimal-nosender-base64.txt",
              env -> {
                assertThat(env.version()).isEqualTo(Mm7Version.REL_6_MM7_1_4);
                DeliverReq d = (DeliverReq) env.body();
                assertThat(d.message().from()).isEmpty();
                assertThat(d.message().presentation()).isPresent();
                MmsPart jpeg =
                    d.message().parts().stream()
                        .filter(p -> p.contentType().mediaType().equals("image/jpeg"))
                        .findFirst()
                        .orElseThrow();
                byte[] b = jpeg.bytes();
                assertThat(b[0] & 0xff).isEqualTo(0xFF);
                assertThat(b[1] & 0xff).isEqualTo(0xD8);
                assertThat(b.length).isGreaterThan(200_000);
              }),
          Map.entry(
              "instantcom-deliverreq-rel6-nestedmixed.txt",
              env -> {
                DeliverReq d = (DeliverReq) env.body();
                // href does not match any Content-ID: every non-SOAP part is the content
                assertThat(d.message().parts()).isNotEmpty();
                assertThat(d.message().from()).isPresent();
              }),
          Map.entry(
              "instantcom-deliverreq-rel6-textpart.txt",
              env -> {
                DeliverReq d = (DeliverReq) env.body();
                assertThat(d.message().from()).isPresent();
                assertThat(d.message().allParts())
                    .anySatisfy(
                        p -> assertThat(p.contentType().mediaType()).isEqualTo("text/plain"));
              }),
          Map.entry(
              "instantcom-rserrorrsp-soapfault-4002.txt",
              env -> {
                Fault f = (Fault) env.body();
                assertThat(f.faultCode()).isEqualTo("Client");
                assertThat(f.detail()).isPresent();
                assertThat(f.detail().get().fromRelay()).isTrue();
                assertThat(f.detail().get().status().code()).isEqualTo(4002);
                assertThat(f.detail().get().status().text()).isEqualTo("Unsupported version");
                assertThat(env.transactionId()).contains("123456");
              }),
          Map.entry(
              "instantcom-submitrsp-rel6-6-7-ns.txt",
              env -> {
                assertThat(env.version().schema()).isEqualTo("REL-6-MM7-6-7");
                assertThat(env.version().release()).isEqualTo(6);
                assertThat(env.version().mm7Version()).isEqualTo("6.7.0");
                assertThat(env.transactionId()).contains("vas00001-sub");
                SubmitRsp r = (SubmitRsp) env.body();
                assertThat(r.status().code()).isEqualTo(1000);
                assertThat(r.messageId()).isEqualTo("041502073667");
              }),
          Map.entry(
              "skycore-deliverrsp-example.txt",
              env -> {
                assertThat(env.version()).isEqualTo(Mm7Version.REL_6_MM7_1_4);
                assertThat(((DeliverRsp) env.body()).status().code()).isEqualTo(1000);
              }),
          Map.entry(
              "skycore-deliverrsp-http-full.txt",
              env ->
                  assertThat(((DeliverRsp) env.body()).status().text())
                      .isEqualTo("Successfully received MMS")),
          Map.entry(
              "skycore-deliveryreportreq-example.txt",
              env -> {
                DeliveryReportReq r = (DeliveryReportReq) env.body();
                assertThat(r.messageId()).isEqualTo("369500617770864640");
                assertThat(r.recipient()).contains(Address.phone("16175550123"));
                assertThat(r.sender()).isPresent();
                assertThat(r.date()).contains(Instant.parse("2015-03-16T14:03:51.749Z"));
                assertThat(r.mmStatus()).isEqualTo("Retrieved");
                assertThat(r.uaProf()).contains("Samsung Galaxy");
                assertThat(r.toDeliveryReport(TestValues.context()).status())
                    .isEqualTo(DeliveryStatus.RETRIEVED);
              }),
          Map.entry(
              "skycore-deliveryreportrsp-example.txt",
              env -> assertThat(((DeliveryReportRsp) env.body()).status().code()).isEqualTo(1000)),
          Map.entry(
              "skycore-deliveryreportrsp-http-full.txt",
              env -> assertThat(((DeliveryReportRsp) env.body()).status().code()).isEqualTo(1000)),
          Map.entry(
              "skycore-submitreq-httppost-nonamespace-body.txt",
              env -> {
                assertThat(env.transactionId()).contains("555e29f8879be");
                assertThat(env.version()).isEqualTo(Mm7Version.REL_6_MM7_1_4);
                SubmitReq s = (SubmitReq) env.body();
                MmsMessage m = s.message();
                assertThat(m.deliveryReport()).isTrue();
                assertThat(m.from()).contains(Address.shortCode("111122"));
                assertThat(m.to()).containsExactly(Address.phone("16179593069"));
                assertThat(m.adaptationsAllowed()).contains(false);
                assertThat(m.presentation()).isPresent();
                assertThat(m.parts()).hasSize(1);
                assertThat(m.parts().get(0).text()).isEqualTo("MM7 Test Text");
                assertThat(m.expiry()).isPresent();
              }),
          Map.entry(
              "skycore-submitreq-soapenvprefix-rel6-1-4.txt",
              env -> {
                SubmitReq s = (SubmitReq) env.body();
                assertThat(s.vasId()).contains("126273");
                assertThat(s.message().subject()).contains("My first MM7 Message");
                assertThat(s.message().parts()).isEmpty();
              }),
          Map.entry(
              "skycore-submitrsp-http200-appxml.txt",
              env ->
                  assertThat(((SubmitRsp) env.body()).messageId()).isEqualTo("369500617770864640")),
          Map.entry(
              "vectorcore-deliveryreportrsp-unqualifiedchildren.txt",
              env -> {
                assertThat(env.version().schema()).isEqualTo("REL-5-MM7-1-0");
                assertThat(((DeliveryReportRsp) env.body()).status().code()).isEqualTo(1000);
              }),
          Map.entry(
              "vectorcore-readreplyrsp-unqualifiedchildren.txt",
              env -> {
                assertThat(env.version().mm7Version()).isEqualTo("5.3.0");
                assertThat(env.transactionId()).contains("txn-read");
                assertThat(((ReadReplyRsp) env.body()).status().code()).isEqualTo(1000);
              }));

  /** Samples that are not well-formed as published; the reason must name the problem. */
  private static final Map<String, String> REFUSED =
      Map.of(
          "3gppspec-submitreq-annex-example-copypaste-damaged.txt", "malformed XML",
          "mbunilist-submitreq-ericsson-vodafonept-rpcencoded-TRUNCATED.txt", "malformed XML",
          "skycore-deliverreq-example.txt", "malformed XML",
          "skycore-rserrorrsp-fault-2007-unclosedtag.txt", "malformed XML");

  static Stream<String> samples() throws IOException {
    try (Stream<Path> s = Files.list(Conformance.mm7Dir())) {
      return s
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".txt") && !n.equals("SOURCES.txt"))
          .sorted()
          .collect(Collectors.toList())
          .stream();
    }
  }

  @Test
  void everySampleHasAnExpectation() throws IOException {
    List<String> missing =
        samples().filter(n -> !READ.containsKey(n) && !REFUSED.containsKey(n)).toList();
    assertThat(missing).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void sampleIsReadOrRefusedClearly(String name) throws IOException {
    Conformance.Sample s = Conformance.load(name);
    if (REFUSED.containsKey(name)) {
      assertThatThrownBy(() -> Mm7Codec.read(s.contentType(), s.body(), Mm7Limits.defaults()))
          .isInstanceOf(MmsMalformedException.class)
          .hasMessageContaining(REFUSED.get(name));
      return;
    }
    Mm7Envelope env = Mm7Codec.read(s.contentType(), s.body(), Mm7Limits.defaults());
    assertThat(env.dialect()).isEqualTo(Mm7Dialect.STANDARD);
    READ.get(name).accept(env);
  }
}
