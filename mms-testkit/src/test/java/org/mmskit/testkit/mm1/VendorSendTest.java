package org.mmskit.testkit.mm1;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.mm1.Modem;
import org.mmskit.mm1.ModemMmsClient;
import org.mmskit.mm1.ModemWay;

/**
 * The setup of the tests that send with a vendor's MMS commands: the vendor's simulated modem, a
 * client of that way to an MMSC behind the usual WAP proxy, a message with a binary part.
 */
abstract class VendorSendTest {
  @TempDir Path dir;
  private VendorModem rig;
  ModemSimulator sim;
  Modem modem;

  abstract ModemWay way();

  @BeforeEach
  void plugIn() throws Exception {
    rig = VendorModem.plugIn(dir, way());
    sim = rig.sim;
    modem = rig.modem;
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  ModemMmsClient client(String apn, Duration sendTimeout) {
    return ModemMmsClient.builder()
        .way(way())
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
}
