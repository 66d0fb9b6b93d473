package org.mmskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.Transport;
import org.mmskit.eaif.EaifListener;
import org.mmskit.mm7.Mm7Listener;
import org.mmskit.mm7.Mm7Version;

/**
 * A listener with an account: the mock logs in with its VASP credentials or those written in the
 * URL, and a refusal is logged at WARN without the password.
 */
class MockMmscRefusalsTest {
  private final Recorder app = new Recorder();

  private static AutoCloseable listener(Transport t, Recorder app, URI[] uri) {
    if (t == Transport.MM7) {
      Mm7Listener l = Mm7Listener.builder().listener(app).account("mmsc", "s3cret").start();
      uri[0] = l.uri();
      return l;
    }
    EaifListener l = EaifListener.builder(app).account("mmsc", "s3cret").start();
    uri[0] = l.uri();
    return l;
  }

  private VaspAnswer report(MockMmsc mmsc, URI uri, Transport t) {
    return mmsc.sendDeliveryReport(
        uri,
        t,
        Mm7Version.DEFAULT,
        "id-1",
        Address.phone("+15550001111"),
        Address.shortCode("12345"),
        DeliveryStatus.RETRIEVED);
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"MM7", "EAIF"})
  void credentialsFromTheBuilderOrTheUrlAreSentAndRefusalsAreLogged(Transport t) throws Exception {
    URI[] uri = new URI[1];
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (AutoCloseable l = listener(t, app, uri)) {
      try (MockMmsc withLogin = MockMmsc.builder().vaspCredentials("mmsc", "s3cret").start()) {
        assertThat(report(withLogin, uri[0], t).isSuccess()).isTrue();
      }
      URI inUrl = URI.create(uri[0].toString().replace("://", "://mmsc:s3cret@"));
      URI wrong = URI.create(uri[0].toString().replace("://", "://mmsc:n0tThis@"));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      VaspAnswer refused;
      try (MockMmsc mmsc = MockMmsc.start()) {
        assertThat(report(mmsc, inUrl, t).isSuccess()).isTrue();
        refused = report(mmsc, wrong, t);
      } finally {
        System.setErr(oldErr);
      }
      assertThat(refused.isSuccess()).isFalse();
      assertThat(refused.httpStatus()).isEqualTo(401);
      assertThat(refused.describe()).startsWith("the listener refused").contains("HTTP 401");
    }
    assertThat(app.reports).hasSize(2);
    String log = err.toString(StandardCharsets.UTF_8);
    assertThat(log)
        .contains("WARN org.mmskit.testkit.MockMmsc - the listener refused")
        .doesNotContain("s3cret")
        .doesNotContain("n0tThis");
  }
}
