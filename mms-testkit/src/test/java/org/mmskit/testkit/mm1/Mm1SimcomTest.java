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

/** Sending through SIMCom's MMS AT commands, over real serial I/O to the modem simulator. */
class Mm1SimcomTest extends VendorSendTest {
  @Override
  ModemWay way() {
    return ModemWay.SIMCOM;
  }

  @Test
  void theModemIsSetUpAndTheMessageEditedAndSent() {
    assertThat(modem.info().mmsCommandSets()).containsExactly(ModemWay.SIMCOM);
    try (ModemMmsClient c = client("mms.example", Duration.ofSeconds(10))) {
      SubmitResult r = c.submit(message());
      assertThat(r.statusText()).isEqualTo("+CMMSSEND: 0");
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
            "CMMSCURL=\"mms.operator.example/mms\"",
            "CMMSPROTO=\"10.0.0.172\",80",
            "SAPBR=3,1,\"APN\",\"mms.example\"");
    assertThat(sim.commands()).containsSubsequence("AT+SAPBR=1,1", "AT+CMMSEDIT=1", "AT+CMMSSEND");
  }

  @Test
  void aRejectedApnIsNamedWithTheModemsAnswer() {
    sim.answer("AT+SAPBR=3,1,\"APN\",\"wrong\"", "+CME ERROR: 30");
    try (ModemMmsClient c = client("wrong", Duration.ofSeconds(10))) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOfSatisfying(
              MmsTransportException.class, e -> assertThat(e.requestSent()).isFalse())
          .hasMessageContaining("APN rejected: +CME ERROR: 30");
    }
  }

  @Test
  void aFailedSendResultIsARefusalWithTheModemsWords() {
    sim.simcomSendResult(2);
    try (ModemMmsClient c = client("mms.example", Duration.ofSeconds(10))) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOfSatisfying(
              MmscRejectedException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(MmscRejectedException.Kind.FAULT);
                assertThat(e.detail(ModemError.class))
                    .map(ModemError::text)
                    .contains("+CMMSSEND: 2");
              });
    }
  }

  @Test
  void aModemThatResetsMidSendLeavesTheOutcomeUnknownAndDoesNotResend() {
    sim.resetOnNext("AT+CMMSSEND");
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
    assertThat(sim.commands().stream().filter(l -> l.equals("AT+CMMSSEND")).count()).isEqualTo(1);
  }
}
