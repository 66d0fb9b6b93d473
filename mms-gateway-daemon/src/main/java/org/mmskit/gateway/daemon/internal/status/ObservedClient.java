package org.mmskit.gateway.daemon.internal.status;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.mmskit.core.MmsClient;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.OperationResult;
import org.mmskit.core.SubmitResult;
import org.mmskit.core.Transport;

/** A client that records the result of each submit with {@link Activity#connectionResult}. */
final class ObservedClient implements MmsClient {
  private final Activity activity;
  private final String name;
  private final MmsClient client;

  ObservedClient(Activity activity, String name, MmsClient client) {
    this.activity = Objects.requireNonNull(activity, "activity");
    this.name = Objects.requireNonNull(name, "name");
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public SubmitResult submit(MmsMessage message) {
    SubmitResult r;
    try {
      r = client.submit(message);
    } catch (RuntimeException e) {
      activity.connectionResult(name, false, describe(e));
      throw e;
    }
    activity.connectionResult(name, true, accepted(r));
    return r;
  }

  @Override
  public CompletableFuture<SubmitResult> submitAsync(MmsMessage message) {
    return client
        .submitAsync(message)
        .whenComplete(
            (r, e) -> {
              if (e == null) {
                activity.connectionResult(name, true, accepted(r));
              } else {
                activity.connectionResult(name, false, describe(e));
              }
            });
  }

  @Override
  public OperationResult cancel(String messageId) {
    return client.cancel(messageId);
  }

  @Override
  public CompletableFuture<OperationResult> cancelAsync(String messageId) {
    return client.cancelAsync(messageId);
  }

  @Override
  public OperationResult replace(String messageId, MmsMessage replacement) {
    return client.replace(messageId, replacement);
  }

  @Override
  public CompletableFuture<OperationResult> replaceAsync(String messageId, MmsMessage replacement) {
    return client.replaceAsync(messageId, replacement);
  }

  @Override
  public Transport transport() {
    return client.transport();
  }

  /** Closes the wrapped client. */
  @Override
  public void close() {
    client.close();
  }

  private static String accepted(SubmitResult r) {
    return "accepted: " + r.statusCode() + (r.statusText().isEmpty() ? "" : " " + r.statusText());
  }

  private static String describe(Throwable e) {
    Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
