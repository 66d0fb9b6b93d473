package org.mmskit.mm4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.SubmitResult;

/** {@link Mm4Client#submitAsync} and the listener's connection limit. */
class Mm4ConcurrencyTest {

  private static Mm4Client client(int port) {
    return Mm4Client.builder()
        .smtpHost("127.0.0.1")
        .smtpPort(port)
        .originatorSystem("mms@mms.us.example")
        .mmscDomain("mms.us.example")
        .recipientDomain("mms.peer.example")
        .responseTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static MmsMessage message(int n) {
    return MmsMessage.builder()
        .from("+4915550001")
        .to("+4915550002")
        .subject("async " + n)
        .addPart(MmsPart.text("number " + n))
        .build();
  }

  @Test
  void submitAsyncSendsConcurrentlyAndReportsEachOutcome() throws Exception {
    List<IncomingMessage> received = new CopyOnWriteArrayList<>();
    // the listener holds every mail until four are in: only concurrent submits get there
    CountDownLatch allIn = new CountDownLatch(4);
    try (Mm4Listener l =
            Mm4Listener.builder()
                .onMessage(
                    m -> {
                      allIn.countDown();
                      try {
                        if (!allIn.await(10, TimeUnit.SECONDS)) {
                          return Acknowledgement.notHandled();
                        }
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return Acknowledgement.notHandled();
                      }
                      received.add(m);
                      return m.message().subject().orElse("").endsWith("3")
                          ? Acknowledgement.notHandled()
                          : Acknowledgement.ok();
                    })
                .start();
        Mm4Client c = client(l.port())) {
      List<CompletableFuture<SubmitResult>> futures = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        futures.add(c.submitAsync(message(i)));
      }
      for (int i = 0; i < 4; i++) {
        CompletableFuture<SubmitResult> f = futures.get(i);
        if (i == 3) {
          assertThat(f)
              .failsWithin(Duration.ofSeconds(20))
              .withThrowableOfType(java.util.concurrent.ExecutionException.class)
              .havingCause()
              .isInstanceOfSatisfying(
                  MmscRejectedException.class,
                  e -> assertThat(e.detail(SmtpReply.class).orElseThrow().code()).isEqualTo(451));
        } else {
          SubmitResult r = f.get(20, TimeUnit.SECONDS);
          assertThat(r.statusCode()).isEqualTo(250);
          assertThat(r.transactionId()).isPresent();
        }
      }
      assertThat(received)
          .extracting(m -> m.message().subject().orElseThrow())
          .containsExactlyInAnyOrder("async 0", "async 1", "async 2", "async 3");
    }
  }

  @Test
  void submitAsyncAfterCloseFailsWithoutSending() {
    List<IncomingMessage> received = new CopyOnWriteArrayList<>();
    try (Mm4Listener l =
        Mm4Listener.builder()
            .onMessage(
                m -> {
                  received.add(m);
                  return Acknowledgement.ok();
                })
            .start()) {
      Mm4Client c = client(l.port());
      c.close();
      CompletableFuture<SubmitResult> f = c.submitAsync(message(9));
      assertThat(f).isCompletedExceptionally();
      assertThat(f.handle((r, e) -> e))
          .succeedsWithin(Duration.ofSeconds(1))
          .isInstanceOf(MmsTransportException.class);
      assertThat(received).isEmpty();
      // the synchronous path does not use the closed executor
      assertThat(c.submit(message(10)).statusCode()).isEqualTo(250);
    }
  }

  @Test
  void connectionsBeyondTheLimitAreToldToComeBackLater() throws Exception {
    try (Mm4Listener l =
            Mm4Listener.builder().maxConnections(2).onMessage(m -> Acknowledgement.ok()).start();
        RawSmtp first = new RawSmtp(l.port());
        RawSmtp second = new RawSmtp(l.port())) {
      assertThat(first.reply()).startsWith("220");
      assertThat(second.reply()).startsWith("220");
      try (RawSmtp third = new RawSmtp(l.port())) {
        assertThat(third.reply()).startsWith("421");
      }
      // the two admitted sessions keep working
      assertThat(first.command("EHLO peer.example")).startsWith("250");
      assertThat(second.command("NOOP")).startsWith("250");

      first.command("QUIT");
      first.close();
      // once a session ended, a new one is admitted
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                try (RawSmtp next = new RawSmtp(l.port())) {
                  return next.reply().startsWith("220");
                }
              });
    }
  }

  @Test
  void failedFuturesCarryTheTransportFailure() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (Mm4Client c = client(port)) {
      CompletableFuture<SubmitResult> f = c.submitAsync(message(1));
      assertThat(f)
          .failsWithin(Duration.ofSeconds(20))
          .withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .havingCause()
          .isInstanceOfSatisfying(
              MmsTransportException.class, e -> assertThat(e.requestSent()).isFalse());
      assertThat(f.isCompletedExceptionally()).isTrue();
    }
  }
}
