package org.mmskit.eaif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsListener;

/** The listener builder's options shared with {@code Mm7Listener.Builder}, over loopback. */
class EaifListenerBuilderTest {
  private EaifListener listener;

  @AfterEach
  void stop() {
    if (listener != null) {
      listener.close();
    }
  }

  private static int post(URI uri, byte[] body) throws IOException {
    return post(uri, body, null);
  }

  private static int post(URI uri, byte[] body, String userPassword) throws IOException {
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    if (userPassword != null) {
      c.setRequestProperty(
          "Authorization",
          "Basic "
              + java.util.Base64.getEncoder()
                  .encodeToString(userPassword.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setConnectTimeout(5000);
    c.setReadTimeout(10000);
    c.setRequestProperty("Content-Type", EaifHeaders.CONTENT_TYPE);
    try (OutputStream out = c.getOutputStream()) {
      out.write(body);
    } catch (IOException refusedWhileSending) {
      // a server refusing a large body may close before reading it; its answer still counts
    }
    int status = c.getResponseCode();
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      if (in != null) {
        in.readAllBytes();
      }
    }
    return status;
  }

  @Test
  void callbacksReceiveTheirKindAndUnsetOnesGetTheListenersDefaultAnswer() throws Exception {
    List<DeliveryReport> reports = new CopyOnWriteArrayList<>();
    listener =
        EaifListener.builder()
            .onDeliveryReport(
                r -> {
                  reports.add(r);
                  return Acknowledgement.ok();
                })
            .open()
            .bindAddress("localhost")
            .socketTimeout(Duration.ofSeconds(5))
            .start();
    assertThat(post(listener.uri(), EaifHandlerTest.deliveryInd())).isEqualTo(204);
    assertThat(reports).hasSize(1);

    // no onMessage: the message is not acknowledged, the MMSC is to try again later
    assertThat(post(listener.uri(), EaifHandlerTest.moSendReq())).isEqualTo(500);
  }

  @Test
  void maxRequestSizeRefusesLargerBodies() throws Exception {
    List<IncomingMessage> messages = new CopyOnWriteArrayList<>();
    listener =
        EaifListener.builder()
            .onMessage(
                m -> {
                  messages.add(m);
                  return Acknowledgement.ok();
                })
            .account("mmsc", "pw", "127.0.0.1")
            .maxRequestSize(100)
            .start();
    assertThat(post(listener.uri(), new byte[5000], "mmsc:pw")).isEqualTo(413);
    assertThat(post(listener.uri(), new byte[50], "mmsc:wrong")).isEqualTo(401);
    assertThat(messages).isEmpty();
  }

  @Test
  void listenerAndCallbacksAreExclusiveAndOneIsRequired() {
    MmsListener app = new MmsListener() {};
    assertThatThrownBy(() -> EaifListener.builder().listener(app).onMessage(m -> null))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> EaifListener.builder().onReadReply(r -> null).listener(app))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> EaifListener.builder().open().start())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> EaifListener.builder().maxRequestSize(10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
