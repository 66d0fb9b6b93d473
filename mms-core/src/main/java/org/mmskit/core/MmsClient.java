package org.mmskit.core;

import java.util.concurrent.CompletableFuture;

/**
 * Sends messages to an MMSC over one transport. Implementations are thread-safe and meant to be
 * shared: create one per MMSC account and close it when done.
 *
 * <p>Blocking methods throw {@link MmsException} subtypes: {@link MmscRejectedException} when the
 * MMSC refused, {@link MmsTransportException} when it could not be reached or did not answer,
 * {@link MmsMalformedException} when its answer could not be read. The asynchronous forms complete
 * exceptionally with the same exceptions.
 */
public interface MmsClient extends AutoCloseable {

  /** Submits a message and waits for the MMSC's answer. */
  SubmitResult submit(MmsMessage message);

  /** Submits a message without blocking the caller. */
  CompletableFuture<SubmitResult> submitAsync(MmsMessage message);

  /**
   * Cancels a message not yet delivered.
   *
   * @throws UnsupportedOperationException if the transport has no cancel operation
   */
  default OperationResult cancel(String messageId) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot cancel");
  }

  /** Cancels a message without blocking the caller. */
  default CompletableFuture<OperationResult> cancelAsync(String messageId) {
    return CompletableFuture.supplyAsync(() -> cancel(messageId));
  }

  /**
   * Replaces the content of a message not yet delivered with the content of {@code replacement}.
   *
   * @throws UnsupportedOperationException if the transport has no replace operation
   */
  default OperationResult replace(String messageId, MmsMessage replacement) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot replace");
  }

  /** Replaces a message's content without blocking the caller. */
  default CompletableFuture<OperationResult> replaceAsync(
      String messageId, MmsMessage replacement) {
    return CompletableFuture.supplyAsync(() -> replace(messageId, replacement));
  }

  /** The transport this client speaks. */
  Transport transport();

  /** Releases connections and threads. Pending asynchronous calls complete exceptionally. */
  @Override
  void close();
}
