package org.mmskit.cli;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.mmskit.core.MmsClient;
import org.mmskit.core.MmsListener;
import org.mmskit.mm1.Modem;
import org.mmskit.mm1.ModemListener;
import org.mmskit.mm1.ModemMmsClient;
import org.mmskit.mm1.ModemWay;
import picocli.CommandLine.Option;

/** The options of {@code send --via mm1} and {@code listen --mm1}: the modem and the MMSC. */
final class Mm1Options {

  /** The way to the MMSC, as written on the command line. */
  enum Way {
    DATA_LINK(ModemWay.DATA_LINK),
    SIMCOM(ModemWay.SIMCOM),
    QUECTEL(ModemWay.QUECTEL);

    final ModemWay way;

    Way(ModemWay way) {
      this.way = way;
    }
  }

  @Option(names = "--serial", paramLabel = "DEV", description = "MM1: the modem's serial port")
  String serial;

  @Option(names = "--baud", defaultValue = "115200", description = "MM1: baud rate")
  int baud;

  @Option(names = "--pin", description = "MM1: the SIM PIN, when the SIM asks for one")
  String pin;

  @Option(
      names = "--modem",
      defaultValue = "data-link",
      converter = WayConverter.class,
      description = "MM1 way to the MMSC: data-link, simcom or quectel (default ${DEFAULT-VALUE})")
  Way way;

  @Option(
      names = "--proxy",
      paramLabel = "HOST:PORT",
      description = "MM1: the operator's WAP proxy")
  String proxy;

  @Option(names = "--apn", description = "MM1: the MMS APN (simcom, quectel)")
  String apn;

  @Option(names = "--user-agent", description = "MM1: User-Agent sent to the MMSC")
  String userAgent;

  @Option(names = "--wap-profile", description = "MM1: x-wap-profile (UAProf URL)")
  String wapProfile;

  @Option(
      names = "--link-up",
      paramLabel = "CMD",
      description = "MM1 data link: command that brings the link up (split at spaces)")
  String linkUp;

  @Option(
      names = "--link-down",
      paramLabel = "CMD",
      description = "MM1 data link: command that takes the link down (split at spaces)")
  String linkDown;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "listen --mm1: where the listener remembers the messages it delivered, across restarts")
  java.nio.file.Path stateDir;

  static final class WayConverter implements picocli.CommandLine.ITypeConverter<Way> {
    @Override
    public Way convert(String value) {
      return Way.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
  }

  URI proxyUri() {
    if (proxy == null) {
      return null;
    }
    return URI.create(proxy.contains("://") ? proxy : "http://" + proxy);
  }

  /** Opens the modem, or null for the data-link way without {@code --serial}. */
  Modem openModem(boolean needed) {
    if (serial == null) {
      if (needed) {
        throw new IllegalArgumentException("--serial is required for --modem " + name());
      }
      return null;
    }
    Modem.Builder b = Modem.builder().serialPort(serial).baudRate(baud);
    if (pin != null) {
      b.pin(pin);
    }
    return b.open();
  }

  String name() {
    return way.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** A client that also closes the modem it opened. */
  MmsClient client(URI mmscUrl) {
    if (mmscUrl == null) {
      throw new IllegalArgumentException("--mmsc-url is required with --via mm1");
    }
    Modem modem = openModem(way.way != ModemWay.DATA_LINK);
    try {
      ModemMmsClient.Builder b =
          ModemMmsClient.builder().way(way.way).mmscUrl(mmscUrl).proxy(proxyUri());
      if (modem != null) {
        b.modem(modem);
      }
      b.apn(apn).userAgent(userAgent).wapProfile(wapProfile);
      if (linkUp != null) {
        b.linkUp(List.of(linkUp.trim().split("\\s+")));
      }
      if (linkDown != null) {
        b.linkDown(List.of(linkDown.trim().split("\\s+")));
      }
      ModemMmsClient client = b.build();
      return new Closing(client, modem);
    } catch (RuntimeException e) {
      if (modem != null) {
        modem.close();
      }
      throw e;
    }
  }

  /** Starts a listener on the modem; closing the result stops it and closes the modem. */
  AutoCloseable listen(URI mmscUrl, MmsListener app) {
    if (mmscUrl == null) {
      throw new IllegalArgumentException("--mmsc-url is required with --mm1");
    }
    Modem modem = openModem(true);
    try {
      ModemListener.Builder b =
          ModemListener.builder()
              .modem(modem)
              .way(way.way)
              .apn(apn)
              .listener(app)
              .mmscUrl(mmscUrl)
              .proxy(proxyUri())
              .userAgent(userAgent)
              .wapProfile(wapProfile)
              .scanInterval(Duration.ofSeconds(30));
      if (linkUp != null) {
        b.linkUp(List.of(linkUp.trim().split("\\s+")));
      }
      if (linkDown != null) {
        b.linkDown(List.of(linkDown.trim().split("\\s+")));
      }
      if (stateDir != null) {
        b.stateDirectory(stateDir);
      }
      ModemListener l = b.start();
      return () -> {
        l.close();
        modem.close();
      };
    } catch (RuntimeException e) {
      modem.close();
      throw e;
    }
  }

  /** The client, and the modem closed with it. */
  private record Closing(ModemMmsClient client, Modem modem) implements MmsClient {
    @Override
    public org.mmskit.core.SubmitResult submit(org.mmskit.core.MmsMessage message) {
      return client.submit(message);
    }

    @Override
    public java.util.concurrent.CompletableFuture<org.mmskit.core.SubmitResult> submitAsync(
        org.mmskit.core.MmsMessage message) {
      return client.submitAsync(message);
    }

    @Override
    public org.mmskit.core.Transport transport() {
      return client.transport();
    }

    @Override
    public void close() {
      client.close();
      if (modem != null) {
        modem.close();
      }
    }
  }
}
