package org.mmskit.mm7.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.DeliveryReport;
import org.mmskit.mm7.Mm7Listener;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body.ErrorRsp;
import org.mmskit.mm7.internal.Mm7Body.Fault;

/**
 * Hostile and failing peers: XML entity attacks, wrong credentials, addresses outside the
 * allow-list, oversized bodies, slow and dropped connections. The listener refuses each with a
 * clear status, never calls the application with bad data, and keeps serving.
 */
class Mm7ListenerSecurityTest {
  private static final String NS = Mm7Version.REL_6_MM7_1_4.namespace();

  private final RecordingListener recorder = new RecordingListener();
  private final MmscPeer mmsc = new MmscPeer();
  private Mm7Listener listener;

  @AfterEach
  void stop() {
    if (listener != null) {
      listener.close();
    }
  }

  private Mm7Listener open() {
    listener = Mm7Listener.builder().port(0).listener(recorder).start();
    return listener;
  }

  private static String deliveryReport(String doctype, String statusText) {
    return "<?xml version=\"1.0\"?>"
        + doctype
        + "<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\">"
        + "<env:Header><TransactionID xmlns=\""
        + NS
        + "\">tx-evil</TransactionID></env:Header><env:Body><DeliveryReportReq xmlns=\""
        + NS
        + "\"><MM7Version>6.8.0</MM7Version><MessageID>m1</MessageID>"
        + "<Recipient><Number>15551234567</Number></Recipient>"
        + "<Sender><ShortCode>12345</ShortCode></Sender><Date>2026-11-25T04:00:00Z</Date>"
        + "<MMStatus>Retrieved</MMStatus><StatusText>"
        + statusText
        + "</StatusText></DeliveryReportReq></env:Body></env:Envelope>";
  }

  private void assertRefusedAsMalformed(HttpResponse<byte[]> r) {
    assertThat(r.statusCode()).isEqualTo(500);
    Fault f = (Fault) MmscPeer.read(r).body();
    ErrorRsp e = f.detail().orElseThrow();
    assertThat(e.status().code()).isEqualTo(2007);
    assertThat(recorder.received).isEmpty();
  }

  private void assertStillServing(URI uri, String basic) throws Exception {
    MmscPeer.Encoded ok =
        MmscPeer.encode("tx-ok", Mm7Version.DEFAULT, MmscPeer.deliveryReportReq());
    HttpResponse<byte[]> r = mmsc.post(uri, ok.contentType(), ok.body(), basic);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(recorder.received).last().isInstanceOf(DeliveryReport.class);
  }

  @Test
  void externalEntityIsRefusedAndNoFileIsRead(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-4711");
    String xml =
        deliveryReport(
            "<!DOCTYPE env:Envelope [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>", "&xxe;");
    open();
    HttpResponse<byte[]> r =
        mmsc.post(listener.uri(), "text/xml", xml.getBytes(StandardCharsets.UTF_8), null);

    assertRefusedAsMalformed(r);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("TOP-SECRET-4711");
    assertStillServing(listener.uri(), null);
  }

  @Test
  void entityExpansionIsRefused() throws Exception {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    dtd.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
    for (int i = 2; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        dtd.append("&lol").append(i - 1).append(';');
      }
      dtd.append("\">");
    }
    dtd.append("]>");
    open();
    HttpResponse<byte[]> r =
        mmsc.post(
            listener.uri(),
            "text/xml",
            deliveryReport(dtd.toString(), "&lol9;").getBytes(StandardCharsets.UTF_8),
            null);

    assertRefusedAsMalformed(r);
    assertStillServing(listener.uri(), null);
  }

  @Test
  void internalDoctypeWithoutEntitiesIsRefusedToo() throws Exception {
    open();
    HttpResponse<byte[]> r =
        mmsc.post(
            listener.uri(),
            "text/xml",
            deliveryReport("<!DOCTYPE env:Envelope>", "ok").getBytes(StandardCharsets.UTF_8),
            null);
    assertRefusedAsMalformed(r);
  }

  @Test
  void basicAuthenticationIsRequiredWhenAccountsAreConfigured() throws Exception {
    listener = Mm7Listener.builder().port(0).account("mmsc", "s3cret").listener(recorder).start();
    MmscPeer.Encoded req =
        MmscPeer.encode("tx-auth", Mm7Version.DEFAULT, MmscPeer.deliveryReportReq());

    HttpResponse<byte[]> none = mmsc.post(listener.uri(), req.contentType(), req.body(), null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));

    HttpResponse<byte[]> wrong =
        mmsc.post(listener.uri(), req.contentType(), req.body(), "mmsc:guess");
    assertThat(wrong.statusCode()).isEqualTo(401);

    HttpResponse<byte[]> unknown =
        mmsc.post(listener.uri(), req.contentType(), req.body(), "other:s3cret");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(recorder.received).isEmpty();

    HttpResponse<byte[]> right =
        mmsc.post(listener.uri(), req.contentType(), req.body(), "mmsc:s3cret");
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(((DeliveryReport) recorder.last()).context().account()).contains("mmsc");
  }

  @Test
  void pathCredentialsWhenEnabled() throws Exception {
    listener =
        Mm7Listener.builder()
            .port(0)
            .account("op", "pw1")
            .pathCredentials(true)
            .listener(recorder)
            .start();
    MmscPeer.Encoded req =
        MmscPeer.encode("tx-path", Mm7Version.DEFAULT, MmscPeer.deliveryReportReq());

    URI good = URI.create(listener.uri() + "/op/pw1");
    HttpResponse<byte[]> r = mmsc.post(good, req.contentType(), req.body(), null);
    assertThat(r.statusCode()).isEqualTo(200);
    DeliveryReport report = (DeliveryReport) recorder.last();
    assertThat(report.context().account()).contains("op");

    URI bad = URI.create(listener.uri() + "/op/nope");
    assertThat(mmsc.post(bad, req.contentType(), req.body(), null).statusCode()).isEqualTo(401);
    assertThat(recorder.received).hasSize(1);
  }

  @Test
  void pathCredentialsAreOffByDefault() throws Exception {
    listener = Mm7Listener.builder().port(0).account("op", "pw1").listener(recorder).start();
    MmscPeer.Encoded req =
        MmscPeer.encode("tx-path", Mm7Version.DEFAULT, MmscPeer.deliveryReportReq());
    URI inPath = URI.create(listener.uri() + "/op/pw1");
    assertThat(mmsc.post(inPath, req.contentType(), req.body(), null).statusCode()).isEqualTo(401);
    assertThat(recorder.received).isEmpty();
  }

  @Test
  void accountAllowListRefusesOtherAddresses() throws Exception {
    listener =
        Mm7Listener.builder()
            .port(0)
            .account("far", "pw", "10.0.0.0/8", "2001:db8::/32")
            .account("near", "pw", "127.0.0.0/8")
            .listener(recorder)
            .start();
    MmscPeer.Encoded req =
        MmscPeer.encode("tx-ip", Mm7Version.DEFAULT, MmscPeer.deliveryReportReq());

    assertThat(mmsc.post(listener.uri(), req.contentType(), req.body(), "far:pw").statusCode())
        .isEqualTo(403);
    assertThat(recorder.received).isEmpty();
    assertThat(mmsc.post(listener.uri(), req.contentType(), req.body(), "near:pw").statusCode())
        .isEqualTo(200);
  }

  @Test
  void endpointAllowListAppliesToOpenEndpoints() throws Exception {
    listener = Mm7Listener.builder().port(0).allowFrom("192.0.2.0/24").listener(recorder).start();
    MmscPeer.Encoded req =
        MmscPeer.encode("tx-ip", Mm7Version.DEFAULT, MmscPeer.deliveryReportReq());
    assertThat(mmsc.post(listener.uri(), req).statusCode()).isEqualTo(403);
    assertThat(recorder.received).isEmpty();

    try (Mm7Listener allowed =
        Mm7Listener.builder().port(0).allowFrom("127.0.0.1").listener(recorder).start()) {
      assertThat(mmsc.post(allowed.uri(), req).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void oversizedBodyWithContentLengthGets413AndAFault() throws Exception {
    listener = Mm7Listener.builder().port(0).maxRequestSize(64 * 1024).listener(recorder).start();
    byte[] big = new byte[100 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');

    HttpResponse<byte[]> r = mmsc.post(listener.uri(), "text/xml", big, null);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(((Fault) MmscPeer.read(r).body()).detail().orElseThrow().status().code())
        .isEqualTo(2004);
    assertThat(recorder.received).isEmpty();
    assertStillServing(listener.uri(), null);
  }

  @Test
  void oversizedChunkedBodyGets413() throws Exception {
    listener = Mm7Listener.builder().port(0).maxRequestSize(64 * 1024).listener(recorder).start();
    byte[] big = new byte[300 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest chunked =
        HttpRequest.newBuilder(listener.uri())
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "text/xml")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
            .build();
    int status;
    try {
      status = http.send(chunked, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
    } catch (IOException closedWhileSending) {
      // the server may answer and close before the client has sent everything
      status = 413;
    }
    assertThat(status).isEqualTo(413);
    assertThat(recorder.received).isEmpty();
    assertStillServing(listener.uri(), null);
  }

  @Test
  void slowClientIsCutAndDoesNotBlockOthers() throws Exception {
    listener =
        Mm7Listener.builder()
            .port(0)
            .socketTimeout(Duration.ofMillis(500))
            .listener(recorder)
            .start();
    try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
      slow.setTcpNoDelay(true);
      OutputStream out = slow.getOutputStream();
      out.write(
          ("POST /mm7 HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: 1000\r\n\r\n<env:")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();

      assertStillServing(listener.uri(), null);

      slow.setSoTimeout(15_000);
      InputStream in = slow.getInputStream();
      AtomicBoolean closed = new AtomicBoolean();
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () -> {
                try {
                  int b = in.read();
                  while (b >= 0) {
                    b = in.read();
                  }
                  closed.set(true);
                } catch (IOException reset) {
                  closed.set(true);
                }
                return closed.get();
              });
    }
    assertThat(recorder.received).hasSize(1);
  }

  @Test
  void droppedConnectionMidBodyNeverReachesTheCallback() throws Exception {
    open();
    MmscPeer.Encoded req = MmscPeer.encode("tx-drop", Mm7Version.DEFAULT, MmscPeer.deliverReq());
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /mm7 HTTP/1.1\r\nHost: x\r\nContent-Type: "
                  + req.contentType()
                  + "\r\nContent-Length: "
                  + req.body().length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(req.body(), 0, req.body().length / 2);
      out.flush();
    }
    assertStillServing(listener.uri(), null);
    assertThat(recorder.received).hasSize(1).allMatch(x -> x instanceof DeliveryReport);
  }
}
