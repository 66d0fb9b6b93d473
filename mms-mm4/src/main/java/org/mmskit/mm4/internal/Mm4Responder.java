package org.mmskit.mm4.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.mmskit.core.MmsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the {@code .RES} a request asked for, as a new mail through an outbound SMTP relay, on a
 * thread of its own so the peer's SMTP session is not held while the relay answers.
 */
public final class Mm4Responder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Mm4Responder.class);

  private final Mm4Writer writer;
  private final SmtpSender sender;
  private final ExecutorService executor;

  public Mm4Responder(Mm4Writer writer, SmtpSender sender) {
    this.writer = writer;
    this.sender = sender;
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "mm4-responder");
              t.setDaemon(true);
              return t;
            });
  }

  /** Queues the {@code Ok} answer to an accepted request. */
  public void acknowledge(InboundMail mail) {
    if (mail.type().isEmpty() || mail.type().get().isResponse() || !mail.ackRequested()) {
      return;
    }
    if (mail.replyTo().isEmpty()) {
      LOG.warn(
          "MM4 {} {} asked for a response but names no originator system or sender",
          mail.type().get().token(),
          mail.transactionId().orElse("?"));
      return;
    }
    OutgoingMail res =
        writer.response(
            mail.type().get(),
            mail.transactionId().orElse(""),
            mail.messageId().orElse(""),
            "Ok",
            null,
            mail.replyTo().get());
    executor.execute(
        () -> {
          try {
            sender.send(res);
            LOG.debug("sent {} {} to {}", res.mail(), res.transactionId(), res.envelopeTo());
          } catch (MmsException | IllegalArgumentException e) {
            LOG.warn(
                "could not send the MM4 response for transaction {} to {}: {}",
                res.transactionId(),
                res.envelopeTo(),
                e.getMessage());
          }
        });
  }

  /** Sends what is queued (waiting up to the given time) and stops the thread. */
  public void close(long timeout, TimeUnit unit) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(timeout, unit)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(10, TimeUnit.SECONDS);
  }
}
