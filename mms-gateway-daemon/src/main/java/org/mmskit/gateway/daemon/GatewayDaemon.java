package org.mmskit.gateway.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.mmskit.gateway.daemon.internal.config.ConfigException;
import org.mmskit.gateway.daemon.internal.config.ConfigReader;
import org.mmskit.gateway.daemon.internal.config.DaemonConfig;
import org.mmskit.gateway.daemon.internal.demo.Demo;
import org.mmskit.gateway.daemon.internal.run.DaemonRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone MMS gateway: one process, one configuration file, an HTTP API to send, webhooks to
 * receive, a status page and metrics, built from the library's listeners, clients and {@code
 * MmsGateway}. See the module's README for the configuration and the API.
 *
 * <pre>{@code
 * try (GatewayDaemon d = GatewayDaemon.start(Path.of("gateway.yaml"))) {
 *   System.out.println("API on " + d.apiUri());
 *   d.awaitShutdown();          // until SIGTERM or Ctrl-C
 * }
 * }</pre>
 */
public final class GatewayDaemon implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayDaemon.class);

  private final DaemonRuntime runtime;
  private final AutoCloseable owner;
  private final List<String> warnings;
  private final String banner;
  private final CountDownLatch closed = new CountDownLatch(1);

  private GatewayDaemon(
      DaemonRuntime runtime, AutoCloseable owner, List<String> warnings, String banner) {
    this.runtime = runtime;
    this.owner = owner;
    this.warnings = warnings;
    this.banner = banner;
  }

  /**
   * Reads the configuration file and starts the daemon. Secrets written {@code ...Env: NAME} are
   * read from the process environment.
   *
   * @throws InvalidConfigurationException listing every problem of the file, each with its key and
   *     line
   * @throws UncheckedIOException when a port cannot be bound
   */
  public static GatewayDaemon start(Path configFile) {
    return start(configFile, System::getenv);
  }

  /** As {@link #start(Path)}, with the environment variables looked up in {@code env}. */
  public static GatewayDaemon start(Path configFile, Function<String, String> env) {
    Objects.requireNonNull(configFile, "configFile");
    try {
      DaemonConfig cfg = ConfigReader.read(configFile, env);
      cfg.warnings().forEach(w -> LOG.warn("{}: {}", configFile, w));
      DaemonRuntime runtime = DaemonRuntime.start(cfg);
      return new GatewayDaemon(runtime, runtime, cfg.warnings(), "");
    } catch (ConfigException e) {
      throw new InvalidConfigurationException(e);
    }
  }

  /**
   * Starts against a mock MMSC in this process, with a configuration written to {@code workDir} and
   * a webhook receiver printing to {@code out}; {@link #banner()} says what to try.
   */
  public static GatewayDaemon startDemo(Path workDir, PrintStream out) {
    try {
      Demo demo = Demo.start(workDir, out);
      return new GatewayDaemon(demo.daemon(), demo, List.of(), demo.banner());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ConfigException e) {
      throw new InvalidConfigurationException(e);
    }
  }

  /** The API's base URI, e.g. {@code http://127.0.0.1:8080}. */
  public URI apiUri() {
    return runtime.apiUri();
  }

  /** The port of the server the MMSCs post MM7 and EAIF to, or -1 when none is configured. */
  public int listenerPort() {
    return runtime.listenerPort();
  }

  /** The MM4 SMTP port, or -1 when none is configured. */
  public int mm4Port() {
    return runtime.mm4Port();
  }

  /** What the configuration does that works but is discouraged (e.g. a secret written inline). */
  public List<String> warnings() {
    return warnings;
  }

  /** For the demo, what to try (URLs, API key, a {@code curl} command); empty otherwise. */
  public String banner() {
    return banner;
  }

  /**
   * Blocks until the process is asked to stop (SIGTERM, Ctrl-C), then stops the daemon gracefully
   * and ends the process with status 0 once nothing is lost (1 when stopping failed). When the
   * waiting thread is interrupted instead, the daemon is closed and the process goes on.
   */
  public void awaitShutdown() throws InterruptedException {
    Thread hook =
        new Thread(
            () -> {
              int status = 0;
              try {
                close();
                LOG.info("gateway stopped");
              } catch (RuntimeException e) {
                LOG.error("gateway did not stop cleanly", e);
                status = 1;
              }
              System.out.flush();
              System.err.flush();
              // A JVM ended by a signal exits 143 even when every hook ran; a clean stop says 0.
              Runtime.getRuntime().halt(status);
            },
            "gateway-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      closed.await();
    } catch (InterruptedException e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      close();
      throw e;
    }
  }

  /**
   * Stops taking API calls and MMSC requests, lets those under way finish, lets sends under way
   * end, and closes the store. Idempotent.
   */
  @Override
  public void close() {
    try {
      owner.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the gateway cleanly", e);
    } finally {
      closed.countDown();
    }
  }

  /** A configuration that cannot be used; {@link #problems()} lists each with its key and line. */
  public static final class InvalidConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    InvalidConfigurationException(ConfigException cause) {
      super(cause.getMessage(), cause);
      this.problems = cause.problems();
    }

    /** Each problem as {@code line N: key.path: what is wrong}. */
    public List<String> problems() {
      return problems;
    }
  }
}
