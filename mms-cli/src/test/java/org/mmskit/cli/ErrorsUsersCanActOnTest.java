package org.mmskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Errors keep their cause, list the valid choices and never show Java class names. */
class ErrorsUsersCanActOnTest {

  @Test
  void aPortInUseSaysSo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      for (String[] cmd :
          new String[][] {
            {"listen", "--mm7", "--port", String.valueOf(taken.getLocalPort())},
            {"simulate", "--port", String.valueOf(taken.getLocalPort())}
          }) {
        CapturedRun.Result r = CapturedRun.run(cmd);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err())
            .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
            .contains("address already in use")
            .doesNotContain("Exception");
      }
    }
  }

  @Test
  void anAddressNotOnThisMachineSaysSo() {
    // 192.0.2.0/24 is TEST-NET-1: never assigned to a local interface.
    CapturedRun.Result r = CapturedRun.run("listen", "--eaif", "--bind", "192.0.2.7");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("cannot assign requested address").doesNotContain("Exception");
  }

  @Test
  void anUnknownOptionIsOneLinePointingAtHelp() {
    CapturedRun.Result r = CapturedRun.run("send", "--url", "http://x/", "--colour", "red");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("--colour").contains("(see mmskit send --help)");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void wrongChoicesListTheValidOnes() {
    CapturedRun.Result schema =
        CapturedRun.run(
            "send",
            "--url",
            "http://127.0.0.1:9/mm7",
            "--from",
            "1",
            "--to",
            "2",
            "--text",
            "x",
            "--namespace",
            "REL-9-MM7-9-9");
    assertThat(schema.status()).isEqualTo(SendCommand.EXIT_USAGE);
    assertThat((String) schema.line().get("error"))
        .contains("REL-9-MM7-9-9")
        .contains("REL-5-MM7-1-2")
        .contains("REL-6-MM7-1-4");

    CapturedRun.Result via =
        CapturedRun.run("send", "--via", "smtp", "--url", "http://x/", "--from", "1", "--to", "2");
    assertThat(via.status()).isEqualTo(2);
    assertThat(via.err()).contains("MM7").contains("EAIF").contains("smtp");
    assertThat(via.err().strip().lines()).hasSize(1);

    CapturedRun.Result status =
        CapturedRun.run(
            "simulate",
            "report",
            "--listener",
            "http://127.0.0.1:9/",
            "--message-id",
            "m",
            "--recipient",
            "+1555",
            "--status",
            "Lost");
    assertThat(status.status()).isEqualTo(2);
    assertThat((String) status.line().get("error")).contains("Retrieved").contains("Rejected");
  }

  @Test
  void noMessageNamesAJavaClass() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CapturedRun.Result refused =
        CapturedRun.run(
            "send",
            "--via",
            "eaif",
            "--url",
            "http://127.0.0.1:" + port + "/eaif",
            "--from",
            "1",
            "--to",
            "+15551234567",
            "--text",
            "x");
    CapturedRun.Result noListener =
        CapturedRun.run(
            "simulate",
            "deliver",
            "--listener",
            "http://127.0.0.1:" + port + "/",
            "--from",
            "+15551234567",
            "--to",
            "12345",
            "--text",
            "x");
    assertThat(refused.status()).isEqualTo(SendCommand.EXIT_TRANSPORT);
    assertThat(noListener.status()).isEqualTo(SimulateSendCommands.EXIT_NO_ANSWER);
    for (CapturedRun.Result r : new CapturedRun.Result[] {refused, noListener}) {
      assertThat(r.out() + r.err())
          .containsIgnoringCase("refused")
          .doesNotContainPattern("[a-z]+\\.[a-z.]*[A-Z][A-Za-z]*(Exception|Error)")
          .doesNotContain("Exception");
    }
  }
}
