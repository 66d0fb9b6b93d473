package org.mmskit.eaif.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.pdu.MmsPduEncoder;
import org.mmskit.core.pdu.MmsVersion;
import org.mmskit.core.pdu.PduMessages;
import org.mmskit.core.pdu.PduStatus;

class EaifPdusTest {

  @Test
  void summaryNamesTypeSizeAndAddresses() {
    MmsMessage m =
        MmsMessage.builder().to(Address.phone("+15551230001")).addPart(MmsPart.text("x")).build();
    byte[] pdu = EaifPdus.encodeSendReq(m, Address.shortCode("12345"), "t-9", MmsVersion.V1_2);
    assertThat(EaifPdus.summary(pdu))
        .startsWith("[m-send-req " + pdu.length + " bytes, MMS 1.2, tid=t-9")
        .contains("from=12345/TYPE=PLMN")
        .contains("to=[+15551230001/TYPE=PLMN]");
    assertThat(EaifPdus.summary(new byte[] {1, 2, 3})).contains("3 bytes, not a readable");
  }

  @Test
  void sendConfIsRead() {
    byte[] conf =
        MmsPduEncoder.encode(PduMessages.sendConf("t", PduStatus.OK, "id-1", MmsVersion.V1_2));
    assertThat(EaifPdus.looksLikeSendConf(conf)).isTrue();
    EaifPdus.SendConf c = EaifPdus.readSendConf(conf);
    assertThat(c.ok()).isTrue();
    assertThat(c.messageId()).contains("id-1");
  }

  @Test
  void otherPdusAreNotASendConf() {
    MmsMessage m =
        MmsMessage.builder().to(Address.phone("+1555")).addPart(MmsPart.text("x")).build();
    byte[] req = EaifPdus.encodeSendReq(m, null, "t", MmsVersion.V1_2);
    assertThat(EaifPdus.looksLikeSendConf(req)).isFalse();
    assertThatThrownBy(() -> EaifPdus.readSendConf(req))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("m-send-req");
  }

  @Test
  void transactionIdsAreUnique() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(EaifPdus.newTransactionId())).isTrue();
    }
  }
}
