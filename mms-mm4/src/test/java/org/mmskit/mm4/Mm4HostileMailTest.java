package org.mmskit.mm4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.IncomingMessage;

/**
 * Mails built to exhaust or confuse the reader are refused with a clear reply, and the same
 * connection then delivers a good mail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Mm4HostileMailTest {
  private final List<IncomingMessage> taken = new CopyOnWriteArrayList<>();
  private Mm4Listener listener;

  @BeforeAll
  void start() {
    listener =
        Mm4Listener.builder()
            .onMessage(
                m -> {
                  taken.add(m);
                  return Acknowledgement.ok();
                })
            .start();
  }

  @AfterAll
  void stop() {
    listener.close();
  }

  static Stream<Arguments> hostile() {
    String good = Mails.forwardReq("h");
    String head = good.substring(0, good.indexOf("MIME-Version"));
    StringBuilder manyHeaders = new StringBuilder(head);
    for (int i = 0; i < 5000; i++) {
      manyHeaders.append("X-Junk-").append(i).append(": x\r\n");
    }
    manyHeaders.append("\r\nbody\r\n");
    String hugeLine = head + "X-Huge: " + "a".repeat(11 * 1024 * 1024) + "\r\n\r\nbody\r\n";
    StringBuilder millionParts =
        new StringBuilder(head).append("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
    for (int i = 0; i < 1_000_000; i++) {
      millionParts.append("--b\r\n\r\n");
    }
    millionParts.append("--b--\r\n");
    StringBuilder deep = new StringBuilder(head);
    for (int i = 0; i < 20; i++) {
      deep.append("Content-Type: multipart/mixed; boundary=\"d").append(i).append("\"\r\n\r\n");
      deep.append("--d").append(i).append("\r\n");
    }
    deep.append("Content-Type: text/plain\r\n\r\nx\r\n");
    String badBase64 = good.replace("SGVsbG8gd29ybGQ=", "SGVsbG8@@@!!");
    String badSubjectCharset = good.replace("Subject: hello", "Subject: =?x-bogus?B?SGVsbG8=?=");
    String badType = good.replace("MM4_forward.REQ", "MM4_bogus.REQ");
    String badExpiry = good.replace("Subject: hello", "Subject: hello\r\nX-Mms-Expiry: soon");
    String badAddress = good.replace("To: +4915550002/TYPE=PLMN", "To: @@@");
    String noTransaction = good.replace("X-Mms-Transaction-ID: \"h\"\r\n", "");
    return Stream.of(
        Arguments.of("5000 header lines", manyHeaders.toString(), "554 5.6.0 more than 1000"),
        Arguments.of("an 11 MB header line", hugeLine, "552 5.3.4"),
        Arguments.of("a million parts", millionParts.toString(), "554 5.6.0 more than 1000 body"),
        Arguments.of("20 nested multiparts", deep.toString(), "554 5.6.0 multiparts nested"),
        Arguments.of("bad base64", badBase64, "554 5.6.0 cannot decode base64"),
        Arguments.of("bad subject charset", badSubjectCharset, "554 5.6.0 unknown charset"),
        Arguments.of("unknown message type", badType, "554 5.6.0 unknown message type"),
        Arguments.of("bad expiry", badExpiry, "554 5.6.0 not a date or seconds"),
        Arguments.of("bad address", badAddress, "554 5.6.0"),
        Arguments.of("no transaction ID", noTransaction, "554 5.6.0 missing header"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void isRefusedAndTheConnectionServesOn(String name, String mail, String expected)
      throws Exception {
    taken.clear();
    try (RawSmtp smtp = new RawSmtp(listener.port())) {
      assertThat(smtp.begin("a@peer.example", "b@us.example")).startsWith("354");
      smtp.send(mail + ".\r\n");
      assertThat(smtp.reply()).startsWith(expected);
      assertThat(smtp.command("MAIL FROM:<a@peer.example>")).startsWith("250");
      assertThat(smtp.command("RCPT TO:<b@us.example>")).startsWith("250");
      assertThat(smtp.command("DATA")).startsWith("354");
      smtp.send(Mails.forwardReq("after") + ".\r\n");
      assertThat(smtp.reply()).startsWith("250");
    }
    assertThat(taken)
        .extracting(m -> m.context().transactionId().orElseThrow())
        .containsExactly("after");
  }
}
