package org.mmskit.mm7.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.MmsListener;
import org.mmskit.mm7.Mm7Listener;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body;

/** The listener builder's options shared with {@code EaifListener.Builder}, over loopback. */
class Mm7ListenerBuilderTest {
  private final MmscPeer mmsc = new MmscPeer();
  private Mm7Listener listener;

  @AfterEach
  void stop() {
    if (listener != null) {
      listener.close();
    }
  }

  /** The MM7 status of a reply, from a response or from a fault's detail. */
  private static int status(HttpResponse<byte[]> response) {
    Mm7Body body = MmscPeer.read(response).body();
    if (body instanceof Mm7Body.Fault f) {
      return f.detail().orElseThrow().status().code();
    }
    return ((Mm7Body.Response) body).status().code();
  }

  @Test
  void callbacksReceiveTheirKindAndUnsetOnesGetTheListenersDefaultAnswer() throws Exception {
    List<DeliveryReport> reports = new CopyOnWriteArrayList<>();
    listener =
        Mm7Listener.builder()
            .onDeliveryReport(
                r -> {
                  reports.add(r);
                  return Acknowledgement.ok();
                })
            .bindAddress("localhost")
            .start();
    HttpResponse<byte[]> report =
        mmsc.post(
            listener.uri(),
            MmscPeer.encode("tx-dr", Mm7Version.DEFAULT, MmscPeer.deliveryReportReq()));
    assertThat(status(report)).isEqualTo(1000);
    assertThat(reports).hasSize(1);

    // no onMessage: the message is not acknowledged, the MMSC is to try again later
    HttpResponse<byte[]> deliver =
        mmsc.post(
            listener.uri(), MmscPeer.encode("tx-mo", Mm7Version.DEFAULT, MmscPeer.deliverReq()));
    assertThat(status(deliver)).isEqualTo(Acknowledgement.notHandled().statusCode());
  }

  @Test
  void listenerAndCallbacksAreExclusiveAndOneIsRequired() {
    MmsListener app = new MmsListener() {};
    assertThatThrownBy(() -> Mm7Listener.builder().listener(app).onMessage(m -> null))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Mm7Listener.builder().onDeliveryReport(r -> null).listener(app))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Mm7Listener.builder().start())
        .isInstanceOf(IllegalStateException.class);
  }
}
