package org.mmskit.gateway.daemon;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A {@link DaemonChild} JVM on the test class path, started from a configuration file. */
final class DaemonProcess implements AutoCloseable {
  final Process process;
  private volatile URI api;
  private volatile int listenerPort;

  DaemonProcess(Path config, Path log, Map<String, String> env) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx192m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(DaemonChild.class.getName());
    cmd.add(config.toString());
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    process = pb.start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  if (line.startsWith("READY ")) {
                    String[] f = line.split(" ");
                    listenerPort = Integer.parseInt(f[2]);
                    api = URI.create(f[1]);
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "daemon-stdout");
    reader.setDaemon(true);
    reader.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> api != null || !process.isAlive());
    if (api == null) {
      throw new IllegalStateException("the daemon did not start; see " + log);
    }
  }

  URI api() {
    return api;
  }

  URI mm7Listener() {
    return URI.create("http://127.0.0.1:" + listenerPort + "/mm7");
  }

  /** SIGTERM, as {@code kill PID} or a service manager sends it; returns the exit status. */
  int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the daemon did not stop within 60 s of SIGTERM");
    }
    return process.exitValue();
  }

  /** {@code kill -9}: no shutdown hook runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
