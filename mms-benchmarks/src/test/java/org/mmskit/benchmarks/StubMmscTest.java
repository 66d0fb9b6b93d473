package org.mmskit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StubMmscTest {

  private static final String NS5 =
      "http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-5-MM7-1-3";

  private static String submitReq(String tx) {
    return "<?xml version=\"1.0\"?><env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\">"
        + "<env:Header><mm7:TransactionID xmlns:mm7=\""
        + NS5
        + "\" env:mustUnderstand=\"1\"> "
        + tx
        + " </mm7:TransactionID></env:Header><env:Body><SubmitReq xmlns=\""
        + NS5
        + "\"><MM7Version>5.3.0</MM7Version></SubmitReq></env:Body></env:Envelope>";
  }

  @Test
  void answersEachRequestWithItsTransactionIdAndNamespace() throws Exception {
    try (StubMmsc stub = StubMmsc.start()) {
      HttpClient http = HttpClient.newHttpClient();
      stub.captureRequests(true);
      for (String tx : new String[] {"tx-1", "tx-2"}) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(stub.uri())
                    .header("Content-Type", "text/xml; charset=utf-8")
                    .header("SOAPAction", "\"\"")
                    .POST(HttpRequest.BodyPublishers.ofString(submitReq(tx)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        assertThat(r.body())
            .contains("env:mustUnderstand=\"1\">" + tx + "</mm7:TransactionID>")
            .contains("<SubmitRsp xmlns=\"" + NS5 + "\">")
            .contains("<MM7Version>5.3.0</MM7Version>")
            .contains("<StatusCode>1000</StatusCode>");
      }
      assertThat(stub.requests()).isEqualTo(2);
      StubMmsc.Request last = stub.lastRequest();
      assertThat(last.contentType()).startsWith("text/xml");
      assertThat(last.soapAction()).isEqualTo("\"\"");
      assertThat(new String(last.body(), StandardCharsets.UTF_8)).isEqualTo(submitReq("tx-2"));
    }
  }

  @Test
  void rawClientPostsTheSameBytesOverKeepAlive() throws Exception {
    try (StubMmsc stub = StubMmsc.start()) {
      byte[] body = submitReq("raw-1").getBytes(StandardCharsets.UTF_8);
      stub.captureRequests(true);
      try (RawHttp raw = new RawHttp(stub.uri(), body, "text/xml; charset=utf-8", null, 2)) {
        int size = raw.post();
        assertThat(size).isEqualTo(StubMmsc.submitRsp("raw-1", NS5).length);
        raw.post();
      }
      assertThat(stub.requests()).isEqualTo(2);
      assertThat(stub.lastRequest().body()).isEqualTo(body);
    }
  }

  @Test
  void findsTransactionIdOnlyInAnOpeningElement() {
    byte[] xml =
        "<a><!-- TransactionID --><p:TransactionID x=\"1\">abc</p:TransactionID></a>"
            .getBytes(StandardCharsets.US_ASCII);
    byte[] name = "TransactionID".getBytes(StandardCharsets.US_ASCII);
    assertThat(StubMmsc.elementText(xml, xml.length, name)).isEqualTo("abc");
    assertThat(StubMmsc.elementText(xml, 10, name)).isNull();
  }

  @Test
  void copyBaselineCopiesOnce() {
    byte[] m = {1, 2, 3};
    byte[] c = CopyBaseline.copy(m);
    assertThat(c).isEqualTo(m).isNotSameAs(m);
  }
}
