package org.mmskit.mm7.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.mmskit.core.DeliveryReport;
import org.mmskit.mm7.Mm7Listener;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.server.InboundResponse;
import org.mmskit.server.MmsServer;
import org.mmskit.server.Route;

/** The MM7 route mounted on a server shared with another endpoint (as EAIF would be). */
class Mm7SharedServerTest {

  @Test
  void mm7RouteSharesAServerWithAnotherPath() throws Exception {
    RecordingListener recorder = new RecordingListener();
    Route mm7 =
        Mm7Listener.builder()
            .path("/vasp/mm7")
            .account("mmsc", "pw", "127.0.0.0/8")
            .listener(recorder)
            .route();
    Route other = Route.open("/eaif", request -> InboundResponse.text(204, ""));
    try (MmsServer server = MmsServer.builder().port(0).route(mm7).route(other).build().start()) {
      MmscPeer.Encoded req =
          MmscPeer.encode("tx-shared", Mm7Version.REL_5_MM7_1_3, MmscPeer.deliveryReportReq());
      HttpResponse<byte[]> r =
          new MmscPeer()
              .post(
                  URI.create(server.uri() + "/vasp/mm7"), req.contentType(), req.body(), "mmsc:pw");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(MmscPeer.read(r).transactionId()).contains("tx-shared");
      assertThat(((DeliveryReport) recorder.last()).context().account()).contains("mmsc");

      HttpResponse<String> eaif =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.uri() + "/eaif"))
                      .POST(HttpRequest.BodyPublishers.ofString("x"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(eaif.statusCode()).isEqualTo(204);
      assertThat(recorder.received).hasSize(1);
    }
  }
}
