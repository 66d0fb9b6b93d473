package org.mmskit.http.internal;

import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import org.mmskit.core.Address;

/**
 * The options every HTTP-based client builder offers, under the same names: the builders keep one
 * of these and delegate each option to it, so that checks and defaults live in one place. Mutable
 * and not thread-safe, like the builders; {@link HttpTransport} copies what it needs.
 */
public final class HttpClientOptions {
  URI endpoint;
  String user;
  String password;
  Address defaultSender;
  boolean allowSenderOverride;
  Duration connectTimeout = Duration.ofSeconds(10);
  Duration responseTimeout = Duration.ofSeconds(60);
  SSLContext sslContext;
  KeyStore trustStore;
  KeyStore keyStore;
  char[] keyPassword;
  boolean verifyHostname = true;
  URI proxy;
  int maxConnections = 10;
  long maxResponseBytes;
  Executor executor;

  /**
   * @param allowSenderOverride the transport's default for {@link #allowSenderOverride(boolean)}
   * @param maxResponseBytes the transport's default for {@link #maxResponseBytes(long)}
   */
  public HttpClientOptions(boolean allowSenderOverride, long maxResponseBytes) {
    this.allowSenderOverride = allowSenderOverride;
    this.maxResponseBytes = maxResponseBytes;
  }

  /** The MMSC's URL: http or https, with a host. */
  public void endpoint(URI endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    String scheme = endpoint.getScheme();
    if (scheme == null
        || !(scheme.toLowerCase(Locale.ROOT).equals("http")
            || scheme.toLowerCase(Locale.ROOT).equals("https"))
        || endpoint.getHost() == null) {
      throw new IllegalArgumentException("endpoint must be an http or https URL: " + endpoint);
    }
    this.endpoint = endpoint;
  }

  public void endpoint(String endpoint) {
    endpoint(URI.create(Objects.requireNonNull(endpoint, "endpoint")));
  }

  /** HTTP Basic credentials; the user name cannot hold ':' (RFC 7617 §2). */
  public void credentials(String user, String password) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (user.indexOf(':') >= 0) {
      throw new IllegalArgumentException("a Basic user name cannot contain ':'");
    }
    this.user = user;
    this.password = password;
  }

  public void defaultSender(Address sender) {
    this.defaultSender = sender;
  }

  public void allowSenderOverride(boolean allow) {
    this.allowSenderOverride = allow;
  }

  public void connectTimeout(Duration timeout) {
    this.connectTimeout = positive(timeout, "connectTimeout");
  }

  public void responseTimeout(Duration timeout) {
    this.responseTimeout = positive(timeout, "responseTimeout");
  }

  public void sslContext(SSLContext context) {
    this.sslContext = context;
  }

  public void trustStore(KeyStore trustStore) {
    this.trustStore = trustStore;
  }

  public void clientCertificate(KeyStore keyStore, char[] keyPassword) {
    this.keyStore = keyStore;
    this.keyPassword = keyPassword == null ? null : keyPassword.clone();
  }

  public void verifyHostname(boolean verify) {
    this.verifyHostname = verify;
  }

  /** An HTTP proxy such as {@code http://proxy:3128}. */
  public void proxy(URI proxy) {
    if (proxy != null && (proxy.getHost() == null || proxy.getPort() < 0)) {
      throw new IllegalArgumentException("proxy must name a host and a port: " + proxy);
    }
    this.proxy = proxy;
  }

  public void maxConnections(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1: " + max);
    }
    this.maxConnections = max;
  }

  public void maxResponseBytes(long max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxResponseBytes must be positive: " + max);
    }
    this.maxResponseBytes = max;
  }

  public void executor(Executor executor) {
    this.executor = executor;
  }

  public URI endpoint() {
    return endpoint;
  }

  public Address defaultSender() {
    return defaultSender;
  }

  public boolean allowSenderOverride() {
    return allowSenderOverride;
  }

  public int maxConnections() {
    return maxConnections;
  }

  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    return d;
  }
}
