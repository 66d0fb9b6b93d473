package org.mmskit.mm1;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mmskit.core.MmsTransportException;
import org.mmskit.mm1.internal.AtChannel;
import org.mmskit.mm1.internal.AtException;
import org.mmskit.mm1.internal.AtResponse;
import org.mmskit.mm1.internal.JSerialLink;
import org.mmskit.mm1.internal.SerialLink;

/**
 * A cellular modem on a serial port, shared by a {@link ModemMmsClient} and a {@link
 * ModemListener}. Opening it checks the SIM (entering the PIN when given), waits for network
 * registration and reads what the modem is; each failing step is named with the modem's own answer.
 * A port that goes away (a USB modem re-plugged) is reopened and set up again.
 */
public final class Modem implements AutoCloseable {
  private final String port;
  private final Duration commandTimeout;
  private final List<Consumer<String>> urcListeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> reopenListeners = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final ReentrantLock vendorSession = new ReentrantLock();
  private final AtChannel at;
  private final String pin;
  private volatile ModemInfo info;

  private Modem(Builder b, SerialLink.Opener opener) throws IOException {
    this.port = b.serialPort;
    this.commandTimeout = b.commandTimeout;
    this.pin = b.pin;
    this.at =
        new AtChannel(
            opener,
            b.reopenInterval,
            AtChannel.STANDARD_URCS,
            new AtChannel.Events() {
              @Override
              public void onUnsolicited(String line) {
                urcListeners.forEach(l -> l.accept(line));
                if (AtChannel.isReset(line)) {
                  onReopened(); // a restarted modem forgot its settings, as a re-plugged one
                }
              }

              @Override
              public void onReopened() {
                try {
                  basicSetup();
                } catch (MmsTransportException e) {
                  org.slf4j.LoggerFactory.getLogger(Modem.class)
                      .warn("modem on {} came back but did not set up: {}", port, e.getMessage());
                }
                reopenListeners.forEach(Runnable::run);
              }
            });
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The serial port's path. */
  public String port() {
    return port;
  }

  /** What the modem said when it was opened. */
  public ModemInfo info() {
    return info;
  }

  /** Asks the modem again what it is and how its network is. */
  public ModemInfo probe() {
    info = readInfo();
    return info;
  }

  @Override
  public void close() {
    closed.countDown();
    at.close();
  }

  /**
   * Lets go of the serial port until {@link #resume()}: for a data link (PPP) that needs the same
   * port. SMS are not read meanwhile; the listener catches up when the port is back.
   */
  public void suspend() {
    at.suspend();
  }

  /** Takes the serial port back after {@link #suspend()} and sets the modem up again. */
  public void resume() {
    at.resume();
  }

  // ---- for the client and listener of this package ----

  AtChannel at() {
    return at;
  }

  Duration commandTimeout() {
    return commandTimeout;
  }

  /**
   * Runs a run of a vendor's MMS or HTTP commands (an edit and send, a fetch) alone: the modem
   * keeps one edit buffer and one HTTP session, which a sender and the listener must not share.
   */
  <T> T inVendorSession(Supplier<T> work) {
    vendorSession.lock();
    try {
      return work.get();
    } finally {
      vendorSession.unlock();
    }
  }

  void onUnsolicited(Consumer<String> listener) {
    urcListeners.add(listener);
  }

  void removeUnsolicited(Consumer<String> listener) {
    urcListeners.remove(listener);
  }

  void onReopened(Runnable r) {
    reopenListeners.add(r);
  }

  void removeReopened(Runnable r) {
    reopenListeners.remove(r);
  }

  /** Runs a command that must answer OK; the failure names the step and the modem's answer. */
  AtResponse require(String step, String command, Duration timeout) {
    AtResponse r = command(step, command, timeout);
    if (!r.isOk()) {
      throw new MmsTransportException(step + ": " + r.finalResult(), null, false, false);
    }
    return r;
  }

  /** Runs a command; a timeout or a lost port becomes an exception naming the step. */
  AtResponse command(String step, String command, Duration timeout) {
    try {
      return at.execute(command, timeout);
    } catch (AtException e) {
      throw new MmsTransportException(step + ": " + e.getMessage(), e, e.written());
    }
  }

  // ---- start-up ----

  private void basicSetup() {
    command("echo off", "ATE0", commandTimeout);
    // numeric +CME ERROR codes; some modems refuse, which only makes errors wordier
    command("error codes", "AT+CMEE=1", commandTimeout);
  }

  private void start(Builder b) {
    AtResponse ping = command("modem does not answer AT", "AT", commandTimeout);
    if (!ping.isOk()) {
      throw new MmsTransportException("modem answers AT with " + ping.finalResult(), null, false);
    }
    basicSetup();
    AtResponse cpin = command("SIM", "AT+CPIN?", commandTimeout);
    String sim = cpin.isOk() ? cpin.value("+CPIN:").orElse("") : cpin.finalResult();
    if (sim.equals("SIM PIN")) {
      if (pin == null) {
        throw new MmsTransportException("SIM asks for its PIN: give pin(...)", null, false, false);
      }
      AtResponse r = command("SIM PIN", "AT+CPIN=\"" + pin + "\"", commandTimeout);
      if (!r.isOk()) {
        throw new MmsTransportException("SIM PIN rejected: " + r.finalResult(), null, false, false);
      }
    } else if (!sim.equals("READY")) {
      throw new MmsTransportException("SIM not ready: " + sim, null, false, false);
    }
    long deadline = System.nanoTime() + b.registrationTimeout.toNanos();
    String reg = registration();
    while (b.requireRegistration && !reg.equals("home") && !reg.equals("roaming")) {
      if (reg.equals("denied")) {
        throw new MmsTransportException("network registration denied (+CREG stat 3)", null, false);
      }
      if (System.nanoTime() > deadline) {
        throw new MmsTransportException(
            "not registered on a network after "
                + b.registrationTimeout.toSeconds()
                + " s (registration: "
                + reg
                + ")",
            null,
            false);
      }
      try {
        if (closed.await(500, TimeUnit.MILLISECONDS)) {
          throw new MmsTransportException("modem closed during start-up", null, false);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MmsTransportException("interrupted during start-up", e, false);
      }
      reg = registration();
    }
    info = readInfo();
  }

  private String registration() {
    AtResponse r = command("network registration", "AT+CREG?", commandTimeout);
    if (!r.isOk()) {
      return "unknown";
    }
    String[] f = r.value("+CREG:").orElse("").split(",");
    String stat = f.length >= 2 ? f[1].strip() : f[0].strip();
    switch (stat) {
      case "1":
        return "home";
      case "5":
        return "roaming";
      case "2":
        return "searching";
      case "3":
        return "denied";
      case "0":
        return "not registered";
      default:
        return "unknown";
    }
  }

  private ModemInfo readInfo() {
    String manufacturer = single("AT+CGMI");
    String model = single("AT+CGMM");
    String firmware = single("AT+CGMR");
    AtResponse cpin = command("SIM", "AT+CPIN?", commandTimeout);
    String sim = cpin.isOk() ? cpin.value("+CPIN:").orElse("") : cpin.finalResult();
    String reg = registration();
    AtResponse cops = command("operator", "AT+COPS?", commandTimeout);
    String operator = "";
    if (cops.isOk()) {
      String v = cops.value("+COPS:").orElse("");
      int q = v.indexOf('"');
      int e = q < 0 ? -1 : v.indexOf('"', q + 1);
      operator = e > q ? v.substring(q + 1, e) : "";
    }
    OptionalInt signal = OptionalInt.empty();
    AtResponse csq = command("signal", "AT+CSQ", commandTimeout);
    if (csq.isOk()) {
      String v = csq.value("+CSQ:").orElse("99").split(",")[0].strip();
      try {
        int rssi = Integer.parseInt(v);
        if (rssi != 99) {
          signal = OptionalInt.of(rssi);
        }
      } catch (NumberFormatException ignored) {
        // unknown
      }
    }
    return new ModemInfo(
        manufacturer, model, firmware, sim, reg, operator, signal, mmsCommandSets());
  }

  private List<ModemWay> mmsCommandSets() {
    List<ModemWay> out = new ArrayList<>();
    AtResponse clac = command("command list", "AT+CLAC", commandTimeout);
    if (clac.isOk() && !clac.lines().isEmpty()) {
      String all = String.join("\n", clac.lines()).toUpperCase(Locale.ROOT);
      if (all.contains("+CMMSINIT")) {
        out.add(ModemWay.SIMCOM);
      }
      if (all.contains("+QMMSCFG")) {
        out.add(ModemWay.QUECTEL);
      }
      return out;
    }
    if (command("SIMCom MMS", "AT+CMMSINIT=?", commandTimeout).isOk()) {
      out.add(ModemWay.SIMCOM);
    }
    if (command("Quectel MMS", "AT+QMMSCFG=?", commandTimeout).isOk()) {
      out.add(ModemWay.QUECTEL);
    }
    return out;
  }

  private String single(String command) {
    AtResponse r = command(command, command, commandTimeout);
    if (!r.isOk() || r.lines().isEmpty()) {
      return "";
    }
    String v = r.lines().get(0);
    int colon = v.startsWith("+") ? v.indexOf(':') : -1;
    return (colon >= 0 ? v.substring(colon + 1) : v).strip().replace("\"", "");
  }

  /** Configures and opens a {@link Modem}. */
  public static final class Builder {
    private String serialPort;
    private int baudRate = 115200;
    private String pin;
    private Duration commandTimeout = Duration.ofSeconds(10);
    private Duration registrationTimeout = Duration.ofSeconds(60);
    private Duration reopenInterval = Duration.ofSeconds(2);
    private boolean requireRegistration = true;

    private Builder() {}

    /**
     * The serial device, e.g. {@code /dev/ttyUSB2} or {@code COM5}; symbolic links are followed.
     */
    public Builder serialPort(String path) {
      this.serialPort = Objects.requireNonNull(path, "path");
      return this;
    }

    /** Default 115200. */
    public Builder baudRate(int baud) {
      if (baud <= 0) {
        throw new IllegalArgumentException("baud rate must be positive");
      }
      this.baudRate = baud;
      return this;
    }

    /** The SIM PIN, entered when the SIM asks for it. */
    public Builder pin(String pin) {
      this.pin = pin;
      return this;
    }

    /** How long an ordinary AT command may take. Default 10 s. */
    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = positive(timeout, "commandTimeout");
      return this;
    }

    /** How long opening waits for network registration. Default 60 s. */
    public Builder registrationTimeout(Duration timeout) {
      this.registrationTimeout = positive(timeout, "registrationTimeout");
      return this;
    }

    /** Whether opening fails without network registration (off for probing). Default on. */
    public Builder requireRegistration(boolean require) {
      this.requireRegistration = require;
      return this;
    }

    /** How often a port that went away is tried again. Default 2 s. */
    public Builder reopenInterval(Duration interval) {
      this.reopenInterval = positive(interval, "reopenInterval");
      return this;
    }

    /**
     * Opens the port and sets the modem up.
     *
     * @throws MmsTransportException naming the step that failed and the modem's answer
     */
    public Modem open() {
      Objects.requireNonNull(serialPort, "serialPort");
      Modem m;
      try {
        m = new Modem(this, JSerialLink.opener(serialPort, baudRate, Duration.ofMillis(200)));
      } catch (IOException e) {
        throw new MmsTransportException(e.getMessage(), e, false);
      }
      try {
        m.start(this);
        return m;
      } catch (RuntimeException e) {
        m.close();
        throw e;
      }
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
