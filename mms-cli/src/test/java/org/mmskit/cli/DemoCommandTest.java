package org.mmskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Runs {@code mmskit demo} in-process: the whole flow against the mock MMSC. */
class DemoCommandTest {

  @Test
  void demoRunsEveryStepAndExitsZero() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        new CommandLine(new Main())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute("demo");

    String account = out.toString();
    assertThat(status).as("stderr: %s", err).isZero();
    assertThat(account)
        .contains("MM7 endpoint   http://127.0.0.1:")
        .contains("an MM7 SubmitReq (REL-6-MM7-1-4, MM7Version 6.8.0)")
        .contains("an EAIF m-send-req PDU")
        .contains("It answered: status 1000")
        .contains("MM7 listener got a delivery report")
        .contains("EAIF listener got a delivery report")
        .contains("is Retrieved for +15551234567 (delivered)")
        .contains("is Retrieved (0x81 on the wire) for +15551234567 (delivered)")
        .contains("MM7 listener got \"Re: Hello\" from +15551234567")
        .contains("7. MM4: forwarding the MMS as an MM4_forward.REQ mail")
        .containsPattern("MM4 listener got the MMSC's MM4_forward.RES for transaction \\S+: Ok")
        .contains("MM4 listener got an MM4_delivery_report.REQ: message ")
        .contains("is Retrieved for +15551234567; the listener answered SMTP 250")
        .contains("8. MM1: a simulated modem on the pseudo-terminal")
        .contains("handed over \"A photo of the harbour")
        .contains("m-notifyresp-ind, status Retrieved")
        .endsWith("Demo finished: every step worked." + System.lineSeparator());
    assertThat(err.toString()).doesNotContain("FAILED");
  }

  @Test
  void aFailingStepGivesExitOneAndNamesTheStep() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        new CommandLine(new Main())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute("demo", "--mmsc-refuses");
    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .contains("demo FAILED at step 'submit over MM7'")
        .contains("MmscRejectedException")
        .contains("4006");
    assertThat(out.toString()).contains("3. Submitting over MM7").doesNotContain("Demo finished");
  }

  @Test
  void aBadTimeoutIsRefused() {
    StringWriter err = new StringWriter();
    int status =
        new CommandLine(new Main())
            .setOut(new PrintWriter(new StringWriter(), true))
            .setErr(new PrintWriter(err, true))
            .execute("demo", "--timeout", "PT0S");
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("--timeout must be positive");
  }

  @Test
  void theGeneratedImageIsARealPng() throws Exception {
    byte[] png = DemoCommand.png();
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    var image = ImageIO.read(new java.io.ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(160);
    assertThat(image.getHeight()).isEqualTo(90);
  }
}
