package org.mmskit.gateway.daemon.internal.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.mmskit.core.Transport;
import org.mmskit.gateway.daemon.internal.config.ConfigReader;
import org.mmskit.gateway.daemon.internal.run.DaemonRuntime;
import org.mmskit.server.InboundResponse;
import org.mmskit.server.MmsServer;
import org.mmskit.server.Route;
import org.mmskit.testkit.MockMmsc;

/**
 * {@code mmskit gateway --demo}: a mock MMSC and a webhook receiver in this process, a
 * configuration file pointing at them written to a work directory, and the daemon started from it.
 * The receiver prints each webhook it gets, so a newcomer sees a message go out and its delivery
 * report come back.
 */
public final class Demo implements AutoCloseable {
  private final MockMmsc mmsc;
  private final MmsServer receiver;
  private final DaemonRuntime daemon;
  private final Path config;
  private final String apiKey;

  private Demo(MockMmsc mmsc, MmsServer receiver, DaemonRuntime daemon, Path config, String key) {
    this.mmsc = mmsc;
    this.receiver = receiver;
    this.daemon = daemon;
    this.config = config;
    this.apiKey = key;
  }

  /** Starts the demo in {@code workDir}; webhooks are printed to {@code out}. */
  public static Demo start(Path workDir, PrintStream out) throws IOException {
    Files.createDirectories(workDir);
    SecureRandom random = new SecureRandom();
    String apiKey = "demo-" + hex(random, 16);
    String mmscPassword = hex(random, 12);
    Files.writeString(workDir.resolve("api-key"), apiKey + "\n", StandardCharsets.UTF_8);
    Files.writeString(
        workDir.resolve("mmsc-password"), mmscPassword + "\n", StandardCharsets.UTF_8);
    Files.writeString(
        workDir.resolve("webhook-secret"), hex(random, 16) + "\n", StandardCharsets.UTF_8);
    MockMmsc mmsc = MockMmsc.builder().vaspCredentials("mmsc", mmscPassword).start();
    MmsServer receiver = null;
    DaemonRuntime daemon = null;
    try {
      receiver =
          MmsServer.builder()
              .route(
                  Route.open(
                      "/webhook",
                      r -> {
                        String body = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
                        synchronized (out) {
                          out.println("webhook: " + body);
                          out.flush();
                        }
                        return InboundResponse.noContent();
                      }))
              .build()
              .start();
      Path config = workDir.resolve("gateway-demo.yaml");
      Files.writeString(
          config, yaml(mmsc.mm7Uri(), receiver.uri().resolve("/webhook")), StandardCharsets.UTF_8);
      daemon = DaemonRuntime.start(ConfigReader.read(config, System::getenv));
      URI listener = URI.create("http://127.0.0.1:" + daemon.listenerPort() + "/mm7");
      mmsc.autoDeliveryReports(Transport.MM7, listener, Duration.ofMillis(500));
      return new Demo(mmsc, receiver, daemon, config, apiKey);
    } catch (IOException | RuntimeException e) {
      if (daemon != null) {
        daemon.close();
      }
      if (receiver != null) {
        receiver.close();
      }
      mmsc.close();
      throw e;
    }
  }

  private static String yaml(URI mm7, URI webhook) {
    return """
        # Written by `mmskit gateway --demo`: a mock MMSC on loopback plays the operator.
        api:
          port: 0
          keys:
            - name: demo
              keyFile: api-key
        store:
          sqlite: gateway.db
        connections:
          mock-mmsc:
            via: mm7
            url: %s
            vaspId: demo-vasp
            vasId: demo
        routes:
          - name: default
            connection: mock-mmsc
            defaultSender: "12345"
        retry:
          initialDelay: 2s
          maxDelay: 30s
        listeners:
          http:
            bindAddress: 127.0.0.1
            port: 0
            mm7:
              path: /mm7
              accounts:
                - name: mmsc
                  passwordFile: mmsc-password
        webhooks:
          targets:
            - url: %s
              secretFile: webhook-secret
          firstRetry: 1s
          maxRetry: 30s
        """
        .formatted(mm7, webhook);
  }

  private static String hex(SecureRandom random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  public DaemonRuntime daemon() {
    return daemon;
  }

  /** What to try, for the console. */
  public String banner() {
    URI api = daemon.apiUri();
    return String.join(
        System.lineSeparator(),
        "MMSKit gateway demo: the MMSC is a mock on loopback; webhooks are printed below.",
        "  configuration: " + config,
        "  API:           " + api + "   (OpenAPI: " + api.resolve("/openapi.json") + ")",
        "  status page:   " + api.resolve("/"),
        "  API key:       " + apiKey,
        "Send a message:",
        "  curl -s -H 'Authorization: Bearer "
            + apiKey
            + "' -H 'Content-Type: application/json' \\",
        "    -d '{\"to\":\"+15551234567\",\"subject\":\"Hello\",\"text\":\"Hi from the gateway\","
            + "\"deliveryReport\":true}' \\",
        "    " + api.resolve("/v1/messages"),
        "then: curl -s -H 'Authorization: Bearer "
            + apiKey
            + "' "
            + api
            + "/v1/messages/TRACKING_ID",
        "Stop with Ctrl-C.");
  }

  @Override
  public void close() {
    daemon.close();
    receiver.close();
    mmsc.close();
  }
}
