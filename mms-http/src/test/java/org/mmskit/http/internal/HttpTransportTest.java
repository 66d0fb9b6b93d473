package org.mmskit.http.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mmskit.core.Address;
import org.mmskit.core.Header;
import org.mmskit.core.HttpStatus;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.Transport;

/** The HTTP layer against a real HTTP server on loopback. */
class HttpTransportTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private static HttpClientOptions options() {
    HttpClientOptions o = new HttpClientOptions(true, 4096);
    o.endpoint("http://127.0.0.1:" + wm.getPort() + "/in");
    o.responseTimeout(Duration.ofSeconds(20));
    return o;
  }

  private static HttpTransport transport(HttpClientOptions o) {
    return new HttpTransport(o, Transport.MM7, WireTrace::summary);
  }

  /** A body whose length is not known in advance. */
  private static RequestBody unknownLength(String text) {
    return new RequestBody() {
      @Override
      public String contentType() {
        return "application/x-test";
      }

      @Override
      public long length() {
        return -1;
      }

      @Override
      public void writeTo(OutputStream out) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }

      @Override
      public String describe() {
        return "[streamed text]";
      }
    };
  }

  @Test
  void bodyOfUnknownLengthIsSentChunkedWithCredentials() {
    wm.stubFor(post("/in").willReturn(aResponse().withStatus(200).withBody("fine")));
    HttpClientOptions o = options();
    o.credentials("alice", "pw");
    try (HttpTransport t = transport(o)) {
      HttpAnswer a = t.post(List.of(new Header("X-Test", "1")), unknownLength("hello"));
      assertThat(a.status()).isEqualTo(200);
      assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo("fine");
      assertThat(a.truncated()).isFalse();
    }
    wm.verify(
        postRequestedFor(urlEqualTo("/in"))
            .withHeader("Transfer-Encoding", equalTo("chunked"))
            .withHeader("Content-Length", absent())
            .withHeader("X-Test", equalTo("1"))
            .withHeader("Authorization", equalTo("Basic YWxpY2U6cHc="))
            .withHeader("Content-Type", equalTo("application/x-test")));
    assertThat(wm.getAllServeEvents().get(0).getRequest().getBodyAsString()).isEqualTo("hello");
  }

  @Test
  void bodyOfKnownLengthIsSentWithContentLength() {
    wm.stubFor(post("/in").willReturn(aResponse().withStatus(204)));
    byte[] bytes = "0123456789".getBytes(StandardCharsets.US_ASCII);
    try (HttpTransport t = transport(options())) {
      HttpAnswer a = t.post(List.of(), RequestBody.of("application/octet-stream", bytes, "[10]"));
      assertThat(a.status()).isEqualTo(204);
      assertThat(a.body()).isEmpty();
    }
    wm.verify(
        postRequestedFor(urlEqualTo("/in"))
            .withHeader("Content-Length", equalTo("10"))
            .withHeader("Authorization", absent()));
  }

  @Test
  void errorStatusIsAnAnswerAndMapsToARejectionWithTheStatus() {
    wm.stubFor(
        post("/in")
            .willReturn(aResponse().withStatus(503).withStatusMessage("Busy").withBody("later")));
    try (HttpTransport t = transport(options())) {
      HttpAnswer a = t.post(List.of(), unknownLength("x"));
      assertThat(a.success()).isFalse();
      MmscRejectedException e = t.rejected(a, "no protocol answer", true);
      assertThat(e.kind()).isEqualTo(MmscRejectedException.Kind.TRANSPORT);
      assertThat(e.transport()).isEqualTo(Transport.MM7);
      assertThat(e.detail(HttpStatus.class)).contains(new HttpStatus(503, "Busy"));
      assertThat(e.statusCode()).isEmpty();
      assertThat(e.isRetryable()).isTrue();
    }
  }

  @Test
  void answerOverTheLimitIsCutAndTheNextRequestStillWorks() {
    wm.stubFor(
        post("/in")
            .willReturn(aResponse().withStatus(200).withBody("y".repeat(100_000)))
            .atPriority(2));
    wm.stubFor(
        post("/in")
            .withHeader("X-Small", equalTo("1"))
            .willReturn(aResponse().withStatus(200).withBody("small"))
            .atPriority(1));
    try (HttpTransport t = transport(options())) {
      HttpAnswer big = t.post(List.of(), unknownLength("x"));
      assertThat(big.truncated()).isTrue();
      assertThat(big.body()).hasSizeLessThanOrEqualTo(4096);
      HttpAnswer small = t.post(List.of(new Header("X-Small", "1")), unknownLength("x"));
      assertThat(small.truncated()).isFalse();
      assertThat(new String(small.body(), StandardCharsets.UTF_8)).isEqualTo("small");
    }
  }

  @Test
  void answerLaterThanTheResponseTimeoutFailsAsSent() {
    wm.stubFor(post("/in").willReturn(aResponse().withStatus(200).withFixedDelay(5000)));
    HttpClientOptions o = options();
    o.responseTimeout(Duration.ofMillis(300));
    try (HttpTransport t = transport(o)) {
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> t.post(List.of(), unknownLength("x")))
          .isInstanceOfSatisfying(
              MmsTransportException.class,
              e -> {
                assertThat(e.requestSent()).isTrue();
                assertThat(e.isRetryable()).isTrue();
              });
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void refusedConnectionFailsAsNotSent() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    HttpClientOptions o = options();
    o.endpoint(URI.create("http://127.0.0.1:" + port + "/in"));
    try (HttpTransport t = transport(o)) {
      assertThatThrownBy(() -> t.post(List.of(), unknownLength("x")))
          .isInstanceOfSatisfying(
              MmsTransportException.class, e -> assertThat(e.requestSent()).isFalse());
    }
  }

  @Test
  void asyncCallsRunOnTheGivenExecutorAndCloseEndsThePendingOnes() throws Exception {
    wm.stubFor(post("/in").willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
    ExecutorService mine = Executors.newSingleThreadExecutor(r -> new Thread(r, "mine"));
    try {
      HttpClientOptions o = options();
      o.executor(mine);
      HttpTransport t = transport(o);
      CompletableFuture<String> name =
          t.async(() -> Thread.currentThread().getName()).orTimeout(10, TimeUnit.SECONDS);
      assertThat(name.join()).isEqualTo("mine");
      CompletableFuture<HttpAnswer> slow = t.async(() -> t.post(List.of(), unknownLength("x")));
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !wm.getAllServeEvents().isEmpty());
      t.close();
      assertThatThrownBy(() -> slow.orTimeout(10, TimeUnit.SECONDS).join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(MmsTransportException.class);
      assertThat(mine.isShutdown()).isFalse();
      assertThatThrownBy(() -> t.post(List.of(), unknownLength("x")))
          .isInstanceOfSatisfying(
              MmsTransportException.class, e -> assertThat(e.requestSent()).isFalse());
    } finally {
      mine.shutdownNow();
    }
  }

  @Test
  void senderFollowsTheDefaultAndTheOverrideRule() {
    Address fixed = Address.shortCode("12345");
    Address own = Address.shortCode("999");
    MmsMessage withOwn =
        MmsMessage.builder()
            .from(own)
            .to(Address.phone("+1555"))
            .addPart(MmsPart.text("x"))
            .build();
    MmsMessage without = withOwn.toBuilder().from((Address) null).build();

    HttpClientOptions forced = options();
    forced.defaultSender(fixed);
    forced.allowSenderOverride(false);
    HttpClientOptions open = options();
    open.defaultSender(fixed);
    try (HttpTransport f = transport(forced);
        HttpTransport p = transport(open);
        HttpTransport none = transport(options())) {
      assertThat(f.sender(withOwn)).isEqualTo(fixed);
      assertThat(p.sender(withOwn)).isEqualTo(own);
      assertThat(p.sender(without)).isEqualTo(fixed);
      assertThat(none.sender(without)).isNull();
    }
  }

  @Test
  void optionsRefuseBadValues() {
    HttpClientOptions o = new HttpClientOptions(true, 10);
    assertThatThrownBy(() -> o.endpoint("ftp://x/")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> o.credentials("a:b", "pw"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> o.maxConnections(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> o.maxResponseBytes(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> o.responseTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> o.proxy(URI.create("http://proxy")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> transport(o)).isInstanceOf(IllegalStateException.class);
  }
}
