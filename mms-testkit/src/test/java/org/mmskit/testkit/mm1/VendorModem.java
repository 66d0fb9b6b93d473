package org.mmskit.testkit.mm1;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.mm1.Modem;
import org.mmskit.mm1.ModemMmsClient;
import org.mmskit.mm1.ModemWay;

/**
 * What the tests of the vendors' MMS commands share: the simulator of one vendor on a socat pty
 * pair, the SDK's modem on the other end, a client of that vendor's way, a message with a binary
 * part.
 */
final class VendorModem implements AutoCloseable {
  final PtyPair pty;
  final ModemSimulator sim;
  final Modem modem;
  final ModemWay way;

  private VendorModem(PtyPair pty, ModemSimulator sim, Modem modem, ModemWay way) {
    this.pty = pty;
    this.sim = sim;
    this.modem = modem;
    this.way = way;
  }

  static VendorModem plugIn(Path dir, ModemWay way) throws Exception {
    PtyPair pty = PtyPair.start(dir);
    ModemSimulator sim = ModemSimulator.attach(pty.modemPort());
    if (way == ModemWay.SIMCOM) {
      sim.simcom();
    } else if (way == ModemWay.QUECTEL) {
      sim.quectel();
    }
    Modem modem =
        Modem.builder().serialPort(pty.appPort()).commandTimeout(Duration.ofSeconds(5)).open();
    return new VendorModem(pty, sim, modem, way);
  }

  /** A sending client of this vendor's way, to an MMSC behind the usual WAP proxy. */
  ModemMmsClient client(String apn, Duration sendTimeout) {
    return ModemMmsClient.builder()
        .way(way)
        .modem(modem)
        .mmscUrl(URI.create("http://mms.operator.example/mms"))
        .proxy(URI.create("http://10.0.0.172:80"))
        .apn(apn)
        .responseTimeout(sendTimeout)
        .build();
  }

  /** A message with a title, a text and a picture holding every byte value. */
  static MmsMessage message() {
    byte[] picture = new byte[700];
    for (int i = 0; i < picture.length; i++) {
      picture[i] = (byte) (i * 31); // every byte value, CR, LF and Ctrl-Z among them
    }
    return MmsMessage.builder()
        .to(List.of(Address.parse("+4915550123")))
        .cc(List.of(Address.parse("+4915550124")))
        .subject("Hello")
        .addPart(MmsPart.text("Hi there"))
        .addPart(MmsPart.of("image/jpeg", picture))
        .build();
  }

  @Override
  public void close() {
    modem.close();
    sim.close();
    pty.close();
  }
}
