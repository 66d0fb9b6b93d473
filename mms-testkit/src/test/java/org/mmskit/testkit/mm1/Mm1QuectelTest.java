package org.mmskit.testkit.mm1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.SubmitResult;
import org.mmskit.mm1.ModemError;
import org.mmskit.mm1.ModemMmsClient;
import org.mmskit.mm1.ModemWay;

/** Sending through Quectel's MMS AT commands, over real serial I/O to the modem simulator. */
class Mm1QuectelTest extends VendorSendTest {
  @Override
  ModemWay way() {
    return ModemWay.QUECTEL;
  }

  @Test
  void theModemIsSetUpThePartsUploadedAndTheMessageSent() {
    assertThat(modem.info().mmsCommandSets()).containsExactly(ModemWay.QUECTEL);
    try (ModemMmsClient c = client("mms.example", Duration.ofSeconds(10))) {
      SubmitResult r = c.submit(message());
      assertThat(r.statusText()).isEqualTo("+QMMSEND: 0,200");
    }
    assertThat(sim.modemSent()).hasSize(1);
    ModemSimulator.ModemMms sent = sim.modemSent().get(0);
    assertThat(sent.title()).isEqualTo("Hello");
    assertThat(sent.texts()).containsExactly("Hi there");
    assertThat(sent.attachments()).hasSize(1);
    assertThat(sent.attachments().get(0)).isEqualTo(message().parts().get(1).bytes());
    assertThat(sent.recipients()).containsExactly("+4915550123", "+4915550124");
    assertThat(sent.settings())
        .contains(
            "QICSGP=1,1,\"mms.example\",\"\",\"\",1",
            "QMMSCFG=\"mmsc\",\"http://mms.operator.example/mms\"",
            "QMMSCFG=\"proxy\",\"10.0.0.172\",80");
    assertThat(sim.commands()).containsSubsequence("AT+QIACT=1", "AT+QMMSEDIT=0", "AT+QMMSEND=10");
  }

  @Test
  void onlyResultZeroWithHttp200IsSent() {
    sim.quectelSendResult("0,500");
    try (ModemMmsClient c = client("mms.example", Duration.ofSeconds(10))) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOfSatisfying(
              MmscRejectedException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(MmscRejectedException.Kind.FAULT);
                assertThat(e.detail(ModemError.class))
                    .map(ModemError::text)
                    .contains("+QMMSEND: 0,500");
              });
    }
  }

  @Test
  void aSendWhoseResultNeverComesHasAnUnknownOutcomeAndIsNotResent() {
    sim.resetOnNext("AT+QMMSEND");
    try (ModemMmsClient c = client("mms.example", Duration.ofSeconds(2))) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOfSatisfying(
              MmsTransportException.class,
              e -> {
                assertThat(e.requestSent()).isTrue();
                assertThat(e.isRetryable()).isFalse();
              })
          .hasMessageContaining("not resent");
    }
    assertThat(sim.commands().stream().filter(l -> l.startsWith("AT+QMMSEND")).count())
        .isEqualTo(1);
  }
}
