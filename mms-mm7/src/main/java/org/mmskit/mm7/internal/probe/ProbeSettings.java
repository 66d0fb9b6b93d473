package org.mmskit.mm7.internal.probe;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.mmskit.core.Address;
import org.mmskit.mm7.Mm7ProbeResult;

/** What {@code Mm7Probe.Builder} collected; null for what was not given. */
public record ProbeSettings(
    URI url,
    String vaspId,
    String vasId,
    String serviceCode,
    String user,
    String password,
    Address from,
    Address sendTestTo,
    int maxRequests,
    Duration spacing,
    Consumer<Duration> pause,
    Duration connectTimeout,
    Duration responseTimeout,
    Consumer<Mm7ProbeResult.TraceEntry> trace,
    SSLContext sslContext) {

  /** The default pause: waits on the calling thread; an interrupt ends it and is kept. */
  public static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The TLS context given, else the JVM's default. */
  SSLContext tls() throws java.security.NoSuchAlgorithmException {
    return sslContext != null ? sslContext : SSLContext.getDefault();
  }

  boolean hasCredentials() {
    return user != null;
  }
}
