package org.mmskit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderMapTest {
  @Test
  void lookupsIgnoreCaseAndKeepOrderAndRepeats() {
    HeaderMap h =
        HeaderMap.builder()
            .add("X-NOKIA-MMSC-To", "+111")
            .add("Content-Type", "application/vnd.wap.mms-message")
            .add("x-nokia-mmsc-to", "+222")
            .build();
    assertThat(h.first("x-Nokia-Mmsc-To")).contains("+111");
    assertThat(h.all("X-NOKIA-MMSC-TO")).containsExactly("+111", "+222");
    assertThat(h.all("absent")).isEmpty();
    assertThat(h.first("absent")).isEmpty();
    assertThat(h.contains("CONTENT-TYPE")).isTrue();
    assertThat(h.size()).isEqualTo(3);
    assertThat(h.name(1)).isEqualTo("Content-Type");
    assertThat(h.value(2)).isEqualTo("+222");
    assertThat(h.names()).containsExactly("content-type", "x-nokia-mmsc-to");
    assertThat(h.asMap())
        .isEqualTo(
            Map.of(
                "x-nokia-mmsc-to", List.of("+111", "+222"),
                "content-type", List.of("application/vnd.wap.mms-message")));
    assertThat(h)
        .isEqualTo(
            HeaderMap.of(
                "x-nokia-mmsc-to",
                "+111",
                "X-Nokia-MMSC-To",
                "+222",
                "content-type",
                "application/vnd.wap.mms-message"));
  }

  @Test
  void setAndRemoveReplaceEveryCase() {
    HeaderMap h =
        HeaderMap.of("A", "1", "a", "2", "B", "3").toBuilder().set("A", "9").remove("b").build();
    assertThat(h.all("a")).containsExactly("9");
    assertThat(h.contains("B")).isFalse();
    assertThat(h.size()).isEqualTo(1);
    assertThat(HeaderMap.builder().build()).isSameAs(HeaderMap.empty());
  }

  @Test
  void refusesHeaderInjection() {
    assertThatThrownBy(() -> HeaderMap.of("X-A", "ok\r\nSet-Cookie: x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HeaderMap.of("X A", "v")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HeaderMap.of("", "v")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HeaderMap.of("X:Y", "v")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HeaderMap.of("odd")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InboundResponse.builder(200).header("X", "a\nb"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void handlersRunWithoutTheServer() throws Exception {
    // The SPI used directly, as a servlet adapter would.
    InboundHandler handler = MmsServerTest.echo("direct");
    InboundRequest request =
        InboundRequest.builder()
            .method("post")
            .path("/mm7")
            .query("a=b")
            .headers(HeaderMap.of("Content-Type", "text/xml"))
            .body("<x/>".getBytes(StandardCharsets.UTF_8))
            .account("vasp")
            .build();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.contentLength()).hasValue(4);
    assertThat(request.contentType()).contains("text/xml");
    assertThat(request.remoteAddress()).isEmpty();
    InboundResponse response = handler.handle(request);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).contains("text/plain; charset=UTF-8");
    assertThat(new String(response.bodyBytes().orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("direct|vasp|/mm7|a=b|4:<x/>");
    assertThat(InboundRequest.builder().build().contentLength()).isEmpty();
    assertThatThrownBy(() -> InboundRequest.builder().path("mm7"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void responseFactories() throws Exception {
    assertThat(InboundResponse.noContent().status()).isEqualTo(204);
    assertThat(InboundResponse.noContent().contentLength()).isZero();
    InboundResponse text = InboundResponse.text(400, "bad");
    assertThat(text.bodyBytes().orElseThrow()).isEqualTo("bad".getBytes(StandardCharsets.UTF_8));
    InboundResponse streamed =
        InboundResponse.builder(200).body(out -> out.write(new byte[] {1, 2})).build();
    assertThat(streamed.bodyBytes()).isEmpty();
    assertThat(streamed.contentLength()).isEqualTo(-1);
    java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
    streamed.writeBody(sink);
    assertThat(sink.toByteArray()).containsExactly(1, 2);
    InboundResponse copy = text.toBuilder().header("X-Extra", "1").build();
    assertThat(copy.headers().first("x-extra")).contains("1");
    assertThat(copy.status()).isEqualTo(400);
    assertThatThrownBy(() -> InboundResponse.status(199))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InboundResponse.status(600))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
