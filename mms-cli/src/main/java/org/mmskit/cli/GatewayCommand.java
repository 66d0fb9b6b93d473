package org.mmskit.cli;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mmskit.gateway.daemon.GatewayDaemon;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mmskit gateway}: the standalone gateway (HTTP API, webhooks, status page) from a
 * configuration file, or against a mock MMSC with {@code --demo}, until SIGTERM or Ctrl-C.
 */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description = {
      "Run the MMS gateway: an HTTP API to send, webhooks for what arrives, a status page and"
          + " metrics, as the YAML configuration file says (see mms-gateway-daemon/README.md).",
      "Prints one JSON line with the API's address once started; SIGTERM or Ctrl-C stops it"
          + " gracefully (exit status 0)."
    },
    footer = {
      "Exit status: 0 stopped cleanly, 1 did not stop cleanly, 2 bad options or configuration"
          + " (every problem listed with its key and line), 3 could not start (e.g. a port in"
          + " use)."
    })
final class GatewayCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "the YAML configuration file")
  Path config;

  @Option(
      names = "--demo",
      description =
          "no configuration: run against a mock MMSC in this process and print a ready curl"
              + " command")
  boolean demo;

  @Option(
      names = "--demo-dir",
      paramLabel = "DIR",
      description =
          "where --demo writes its configuration and store (default: a new temporary"
              + " directory)")
  Path demoDir;

  @Override
  public Integer call() throws Exception {
    if (demo == (config != null)) {
      System.err.println(
          "mmskit gateway: give --config FILE or --demo (see mmskit gateway --help)");
      return 2;
    }
    GatewayDaemon daemon;
    try {
      if (demo) {
        Path dir = demoDir != null ? demoDir : Files.createTempDirectory("mmskit-gateway-demo");
        daemon = GatewayDaemon.startDemo(dir, System.out);
        System.out.println(daemon.banner());
      } else {
        daemon = GatewayDaemon.start(config); // logs the configuration's warnings
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("api", daemon.apiUri().toString());
        if (daemon.listenerPort() >= 0) {
          line.put("listenerPort", (long) daemon.listenerPort());
        }
        if (daemon.mm4Port() >= 0) {
          line.put("mm4Port", (long) daemon.mm4Port());
        }
        System.out.println(Json.write(line));
      }
      System.out.flush();
    } catch (GatewayDaemon.InvalidConfigurationException e) {
      System.err.println("mmskit gateway: " + e.getMessage());
      return 2;
    } catch (UncheckedIOException | IllegalStateException e) {
      // a port in use, a store another process holds, a modem that does not answer
      System.err.println("mmskit gateway: could not start: " + Errors.describe(e));
      return 3;
    }
    try {
      daemon.awaitShutdown();
    } catch (InterruptedException e) {
      // interrupted (as the tests stop long-running commands): the daemon was closed
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
