package org.mmskit.testkit.mm1;

import java.nio.file.Path;
import java.time.Duration;
import org.mmskit.mm1.Modem;
import org.mmskit.mm1.ModemWay;

/**
 * What the tests of the vendors' MMS commands share: the simulator of one vendor on a socat pty
 * pair, and the SDK's modem on the other end.
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

  @Override
  public void close() {
    modem.close();
    sim.close();
    pty.close();
  }
}
