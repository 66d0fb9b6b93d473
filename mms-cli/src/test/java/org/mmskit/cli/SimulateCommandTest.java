package org.mmskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.MmsListener;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.SubmitResult;
import org.mmskit.eaif.EaifClient;
import org.mmskit.mm7.Mm7Client;
import org.mmskit.mm7.Mm7Listener;
import picocli.CommandLine;

/** Runs {@code mmskit simulate} in-process and talks to it with the real clients. */
class SimulateCommandTest {

  @Test
  void printsOneJsonLinePerRequestAndSendsReports() throws Exception {
    List<DeliveryReport> reports = new CopyOnWriteArrayList<>();
    MmsListener app =
        new MmsListener() {
          @Override
          public Acknowledgement onDeliveryReport(DeliveryReport r) {
            reports.add(r);
            return Acknowledgement.ok();
          }
        };
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try (Mm7Listener listener = Mm7Listener.builder().listener(app).start()) {
      CompletableFuture<Integer> run =
          CompletableFuture.supplyAsync(
              () ->
                  new CommandLine(new Main())
                      .setOut(new PrintWriter(out, true))
                      .setErr(new PrintWriter(err, true))
                      .execute(
                          "simulate",
                          "--count",
                          "2",
                          "--report-delay-ms",
                          "0",
                          "--deliver-reports-to",
                          listener.uri().toString()));
      await().atMost(Duration.ofSeconds(20)).until(() -> err.toString().contains("\"mm7\""));
      @SuppressWarnings("unchecked")
      Map<String, Object> ready = (Map<String, Object>) Json.parse(err.toString().trim());
      MmsMessage m =
          MmsMessage.builder()
              .from(Address.shortCode("12345"))
              .to(Address.phone("+15550001111"))
              .subject("simulated")
              .addPart(MmsPart.text("hi"))
              .deliveryReport(true)
              .build();
      SubmitResult viaMm7;
      try (Mm7Client c =
          Mm7Client.builder().endpoint(URI.create((String) ready.get("mm7"))).build()) {
        viaMm7 = c.submit(m);
      }

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(reports)
                      .extracting(DeliveryReport::messageId)
                      .containsExactly(viaMm7.messageId()));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> out.toString().contains("\"kind\":\"vaspAnswer\""));
      try (EaifClient c =
          EaifClient.builder().endpoint(URI.create((String) ready.get("eaif"))).build()) {
        c.submit(m.toBuilder().deliveryReport(false).build());
      }
      assertThat(run.get(20, java.util.concurrent.TimeUnit.SECONDS)).isZero();
      List<String> all = List.of(out.toString().trim().split("\\R"));
      String[] lines =
          all.stream().filter(l -> l.contains("\"kind\":\"submission\"")).toArray(String[]::new);
      assertThat(lines).hasSize(2);
      assertThat(all)
          .filteredOn(l -> l.contains("vaspAnswer"))
          .singleElement()
          .satisfies(
              l ->
                  assertThat(l)
                      .contains("\"request\":\"DeliveryReportReq\"")
                      .contains("\"messageId\":\"" + viaMm7.messageId() + "\"")
                      .contains("\"success\":true")
                      .contains("\"statusCode\":1000"));
      @SuppressWarnings("unchecked")
      Map<String, Object> first = (Map<String, Object>) Json.parse(lines[0]);
      assertThat(first)
          .containsEntry("transport", "MM7")
          .containsEntry("operation", "SUBMIT")
          .containsEntry("messageId", viaMm7.messageId())
          .containsEntry("subject", "simulated")
          .containsEntry("deliveryReport", true);
      assertThat(lines[1]).contains("\"transport\":\"EAIF\"");
    }
  }

  @Test
  void aBadAccountIsRefused() {
    StringWriter err = new StringWriter();
    int status =
        new CommandLine(new Main())
            .setOut(new PrintWriter(new StringWriter(), true))
            .setErr(new PrintWriter(err, true))
            .execute("simulate", "--account", "nopassword");
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("NAME:PASSWORD");
  }
}
