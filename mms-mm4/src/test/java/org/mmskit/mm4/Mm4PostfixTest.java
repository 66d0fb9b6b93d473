package org.mmskit.mm4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.SubmitResult;

/**
 * Our mails through a real MTA: Debian's postfix, set up by {@code .ci/postfix-setup} to listen on
 * 127.0.0.1:10025 and relay everything to our listener on 127.0.0.1:10026. Skipped when postfix is
 * not answering there.
 */
class Mm4PostfixTest {
  private static final int POSTFIX_PORT = port("MM4_POSTFIX_PORT", 10025);
  private static final int LISTENER_PORT = port("MM4_LISTENER_PORT", 10026);

  private static int port(String env, int fallback) {
    String v = System.getenv(env);
    return v == null || v.isEmpty() ? fallback : Integer.parseInt(v);
  }

  @BeforeAll
  static void requirePostfix() {
    String greeting;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", POSTFIX_PORT), 2000);
      s.setSoTimeout(5000);
      greeting =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
    } catch (IOException e) {
      greeting = null;
    }
    Assumptions.assumeTrue(
        greeting != null && greeting.startsWith("220") && greeting.contains("Postfix"),
        "postfix is not answering on 127.0.0.1:"
            + POSTFIX_PORT
            + " (run .ci/postfix-setup, which installs Debian's postfix, to enable this test)");
  }

  @Test
  void aForwardRequestSurvivesPostfixAndA451IsRetried() {
    List<IncomingMessage> got = new CopyOnWriteArrayList<>();
    AtomicInteger attempts = new AtomicInteger();
    try (Mm4Listener listener =
            Mm4Listener.builder()
                .port(LISTENER_PORT)
                .allowFrom("127.0.0.1")
                .onMessage(
                    m -> {
                      // the first attempt is refused: postfix must keep the mail and retry
                      if (attempts.incrementAndGet() == 1) {
                        return Acknowledgement.refuse(3001, "not yet");
                      }
                      got.add(m);
                      return Acknowledgement.ok();
                    })
                .start();
        Mm4Client client =
            Mm4Client.builder()
                .smtpHost("127.0.0.1")
                .smtpPort(POSTFIX_PORT)
                .originatorSystem("mms@mms.us.example")
                .mmscDomain("mms.us.example")
                .recipientDomain("mms.peer.example")
                .build()) {
      MmsMessage sent = Mm4ClientTest.fullMessage();
      SubmitResult r = client.submit(sent);
      assertThat(r.statusCode()).isEqualTo(250);
      assertThat(r.statusText()).contains("queued");
      await().atMost(Duration.ofSeconds(90)).until(() -> !got.isEmpty());
      assertThat(attempts.get()).isGreaterThanOrEqualTo(2);
      IncomingMessage in = got.get(0);
      assertThat(in.context().transactionId()).isEqualTo(r.transactionId());
      assertThat(in.message().messageId()).contains(r.messageId());
      assertThat(in.message().from()).isEqualTo(sent.from());
      assertThat(in.message().subject()).isEqualTo(sent.subject());
      assertThat(in.message().presentation()).isEqualTo(sent.presentation());
      assertThat(in.message().parts()).isEqualTo(sent.parts());
      assertThat(in.context().detail(Mm4InboundDetail.class).orElseThrow().envelopeFrom())
          .isEqualTo("+4915550001/TYPE=PLMN@mms.us.example");
    }
  }
}
