package org.mmskit.mm1.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The modem end of a pty pair for the AT channel's tests: answers each command line with what the
 * script returns; a reply of {@code "> "} or {@code "CONNECT n"} makes it read a payload (to
 * Ctrl-Z, or n bytes) before it asks the script again with {@code "PAYLOAD:<text>"}. Public for the
 * tests of the vendor ways in {@code org.mmskit.mm1}.
 */
public final class ScriptedPeer implements AutoCloseable {
  public final List<String> commands = new CopyOnWriteArrayList<>();
  public final List<byte[]> payloads = new CopyOnWriteArrayList<>();
  private final SerialLink link;
  private final Function<String, String> script;
  private final Thread thread;
  private volatile boolean closed;

  public ScriptedPeer(Path port, Function<String, String> script) throws IOException {
    this.link = JSerialLink.open(port.toString(), 115200, Duration.ofMillis(100));
    this.script = script;
    this.thread = new Thread(this::run, "scripted-peer");
    thread.setDaemon(true);
    thread.start();
  }

  void send(String raw) throws IOException {
    link.write(raw.getBytes(StandardCharsets.ISO_8859_1));
  }

  private void run() {
    byte[] buf = new byte[512];
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int counted = -1;
    boolean toCtrlZ = false;
    try {
      while (!closed) {
        int n = link.read(buf);
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (toCtrlZ || counted >= 0) {
            if (toCtrlZ && b == 0x1A || !toCtrlZ && line.size() + 1 == counted) {
              if (!toCtrlZ) {
                line.write(b);
              }
              payloads.add(line.toByteArray());
              String s = line.toString(StandardCharsets.ISO_8859_1);
              line.reset();
              toCtrlZ = false;
              counted = -1;
              reply(script.apply("PAYLOAD:" + s));
            } else {
              line.write(b);
            }
            continue;
          }
          if (b == '\r') {
            String cmd = line.toString(StandardCharsets.ISO_8859_1);
            line.reset();
            commands.add(cmd);
            String answer = script.apply(cmd);
            if (answer != null && answer.startsWith("> ")) {
              toCtrlZ = true;
              send("\r\n> ");
            } else if (answer != null && answer.startsWith("CONNECT ")) {
              counted = Integer.parseInt(answer.substring(8));
              send("\r\nCONNECT\r\n");
            } else {
              reply(answer);
            }
          } else if (b != '\n') {
            line.write(b);
          }
        }
      }
    } catch (IOException e) {
      // the pair went away: the test decides what that means
    }
  }

  private void reply(String answer) throws IOException {
    if (answer != null && !answer.isEmpty()) {
      send(answer);
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    link.close();
  }
}
