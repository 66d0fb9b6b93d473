package org.mmskit.mm1.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsListener;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.TimeSpec;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduDecoder;
import org.mmskit.core.pdu.MmsPduEncoder;
import org.mmskit.core.pdu.MmsVersion;
import org.mmskit.core.pdu.PduMessages;
import org.mmskit.core.pdu.PduType;

/** The receiving loop's decisions on an SMS store held in memory. */
class InboxTest {
  private static final OffsetDateTime TS =
      OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  private final TreeMap<Integer, String> store = new TreeMap<>();
  private final List<byte[]> told = new ArrayList<>();
  private final List<IncomingMessage> taken = new ArrayList<>();
  private final Map<String, MmsPdu> served = new TreeMap<>();
  private boolean mmscUp = true;
  private int retrieves;

  private final Inbox.Store fakeStore =
      new Inbox.Store() {
        @Override
        public Map<Integer, String> list() {
          return new TreeMap<>(store);
        }

        @Override
        public void delete(int index) {
          store.remove(index);
        }
      };

  private final Inbox.Mmsc fakeMmsc =
      new Inbox.Mmsc() {
        @Override
        public MmsPdu retrieve(URI location) {
          retrieves++;
          if (!mmscUp) {
            throw new MmsTransportException("down", null, false);
          }
          return served.get(location.toString());
        }

        @Override
        public void tell(byte[] pdu) {
          if (!mmscUp) {
            throw new MmsTransportException("down", null, false);
          }
          told.add(pdu);
        }
      };

  private Inbox inbox(MmsListener app) {
    return new Inbox(fakeStore, fakeMmsc, app, null, MmsVersion.V1_2, Duration.ofMinutes(5));
  }

  private final MmsListener taking =
      new MmsListener() {
        @Override
        public Acknowledgement onMessage(IncomingMessage m) {
          taken.add(m);
          return Acknowledgement.ok();
        }
      };

  private void put(int index, byte[] pdu) {
    store.put(index, HexFormat.of().formatHex(pdu));
  }

  private List<byte[]> pushOf(String tid, String location, String messageId) {
    MmsMessage about = MmsMessage.builder().subject("s".repeat(150)).build();
    MmsPdu conf =
        MmsPdu.builder(PduType.RETRIEVE_CONF)
            .messageId(messageId)
            .date(T0)
            .contentType(org.mmskit.core.ContentType.MULTIPART_MIXED)
            .addPart(org.mmskit.core.MmsPart.text("hi"))
            .build();
    served.put(location, conf);
    byte[] ind =
        MmsPduEncoder.encode(
            PduMessages.notificationInd(
                tid, location, 100, TimeSpec.after(Duration.ofDays(1)), about, MmsVersion.V1_2));
    return SmsPdus.wapPush(null, "+1", TS, WspPush.encodeMms(1, ind, true), tid.hashCode(), true);
  }

  @Test
  void whatIsNotAnSmsDeliverIsLeftAlone() {
    store.put(0, "0001000B911346610089F6000004C8F71D14"); // an SMS-SUBMIT in the sent folder
    store.put(1, "zz"); // not hex
    store.put(2, "00"); // truncated
    inbox(taking).scan(T0);
    assertThat(store).containsOnlyKeys(0, 1, 2);
  }

  @Test
  void aPushOfAnotherContentTypeIsLeftAloneAndAnUnreadableOneDeleted() {
    // application/vnd.wap.sic, X-Wap-Application-Id 2 (wml.ua)
    byte[] si = {1, 6, 3, (byte) 0xAE, (byte) 0xAF, (byte) 0x82, 1, 2, 3};
    put(0, SmsPdus.wapPush(null, "+1", TS, si, 1, false).get(0));
    byte[] broken = {1, 6, 0x40, (byte) 0xBE};
    put(1, SmsPdus.wapPush(null, "+1", TS, broken, 2, false).get(0));
    inbox(taking).scan(T0);
    assertThat(store).containsOnlyKeys(0);
  }

  @Test
  void nothingIsToldOrDeletedWhileTheMmscIsDownAndAllIsDoneOnceItIsBack() {
    List<byte[]> push = pushOf("T1", "http://mmsc/m1", "M1");
    for (int i = 0; i < push.size(); i++) {
      put(i, push.get(i));
    }
    Inbox in = inbox(taking);
    mmscUp = false;
    in.scan(T0);
    assertThat(taken).isEmpty();
    assertThat(store).hasSize(push.size());
    mmscUp = true;
    in.scan(T0.plusSeconds(60));
    assertThat(taken).hasSize(1);
    assertThat(MmsPduDecoder.decode(told.get(0)).type()).isEqualTo(PduType.NOTIFYRESP_IND);
    assertThat(store).isEmpty();
  }

  @Test
  void aMessageTakenWhoseAnswerFailedIsNotHandedOverAgain() {
    List<byte[]> push = pushOf("T2", "http://mmsc/m2", "M2");
    for (int i = 0; i < push.size(); i++) {
      put(i, push.get(i));
    }
    Inbox in = inbox(taking);
    Inbox.Mmsc original = fakeMmsc;
    // the fetch works, the answer does not: swap the MMSC down after the retrieve
    mmscUp = true;
    Inbox flaky =
        new Inbox(
            fakeStore,
            new Inbox.Mmsc() {
              @Override
              public MmsPdu retrieve(URI location) {
                return served.get(location.toString()); // fetching works throughout
              }

              @Override
              public void tell(byte[] pdu) {
                if (told.isEmpty() && !mmscUp) {
                  throw new MmsTransportException("down", null, true);
                }
                original.tell(pdu);
              }
            },
            taking,
            null,
            MmsVersion.V1_2,
            Duration.ofMinutes(5));
    mmscUp = false;
    try {
      flaky.scan(T0);
    } catch (MmsTransportException unexpected) {
      throw new AssertionError(unexpected);
    }
    assertThat(taken).hasSize(1);
    assertThat(store).hasSize(push.size());
    mmscUp = true;
    flaky.scan(T0.plusSeconds(60));
    assertThat(taken).hasSize(1);
    assertThat(told).hasSize(1);
    assertThat(store).isEmpty();
    assertThat(in.pendingPushes()).isZero();
  }

  @Test
  void anExpiredSegmentWhoseIndexNowHoldsAnotherSmsIsNotDeleted() {
    List<byte[]> push = pushOf("T3", "http://mmsc/m3", "M3");
    assertThat(push).hasSizeGreaterThan(1);
    put(4, push.get(0));
    Inbox in = inbox(taking);
    in.scan(T0);
    assertThat(in.pendingPushes()).isEqualTo(1);
    // someone else deleted the segment; a text SMS arrived in its place
    put(4, SmsPdus.encode(null, "+2", TS, SmsDeliver.Alphabet.GSM7, null, null, null, "mine"));
    in.scan(T0.plus(Duration.ofMinutes(6)));
    assertThat(store).containsOnlyKeys(4);
    assertThat(in.pendingPushes()).isZero();
  }

  @Test
  void failedAttemptsWaitLongerEachTimeUpToTheLimit() {
    List<byte[]> push = pushOf("T4", "http://mmsc/m4", "M4");
    for (int i = 0; i < push.size(); i++) {
      put(i, push.get(i));
    }
    Inbox in =
        new Inbox(
            fakeStore,
            fakeMmsc,
            taking,
            null,
            MmsVersion.V1_2,
            Duration.ofMinutes(5),
            new Retrieval.Settings(null, Duration.ofSeconds(30), Duration.ofSeconds(100), null));
    mmscUp = false;
    in.scan(T0);
    assertThat(retrieves).isEqualTo(1);
    assertThat(in.nextAttempt()).contains(T0.plusSeconds(30));
    in.scan(T0.plusSeconds(29));
    assertThat(retrieves).isEqualTo(1);
    in.scan(T0.plusSeconds(30));
    assertThat(retrieves).isEqualTo(2);
    assertThat(in.nextAttempt()).contains(T0.plusSeconds(90));
    in.scan(T0.plusSeconds(90));
    assertThat(in.nextAttempt()).contains(T0.plusSeconds(190)); // 120 s capped at 100 s
    in.scan(T0.plusSeconds(190));
    assertThat(in.nextAttempt()).contains(T0.plusSeconds(290));
    assertThat(retrieves).isEqualTo(4);
    mmscUp = true;
    in.scan(T0.plusSeconds(290));
    assertThat(taken).hasSize(1);
    assertThat(in.nextAttempt()).isEmpty();
    assertThat(store).isEmpty();
  }

  @Test
  void theWaitOfANotificationWhoseSmsWentIsForgotten() {
    List<byte[]> push = pushOf("T5", "http://mmsc/m5", "M5");
    for (int i = 0; i < push.size(); i++) {
      put(i, push.get(i));
    }
    Inbox in = inbox(taking);
    mmscUp = false;
    in.scan(T0);
    assertThat(in.nextAttempt()).isPresent();
    store.clear(); // deleted by someone else
    in.scan(T0.plusSeconds(1));
    assertThat(in.nextAttempt()).isEmpty();
  }

  @Test
  void aNotificationWithoutContentLocationIsAnsweredUnrecognisedAndReported() {
    byte[] ind =
        MmsPduEncoder.encodeUnchecked(
            MmsPdu.builder(PduType.NOTIFICATION_IND)
                .version(MmsVersion.V1_2)
                .transactionId("T6")
                .messageClass(org.mmskit.core.MessageClass.PERSONAL)
                .messageSize(100)
                .expiry(TimeSpec.after(Duration.ofDays(1)))
                .build());
    put(0, SmsPdus.wapPush(null, "+1", TS, WspPush.encodeMms(1, ind, true), 6, true).get(0));
    List<org.mmskit.mm1.FetchFailure> failures = new ArrayList<>();
    Inbox in =
        new Inbox(
            fakeStore,
            fakeMmsc,
            taking,
            null,
            MmsVersion.V1_2,
            Duration.ofMinutes(5),
            new Retrieval.Settings(
                null,
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                f -> {
                  failures.add(f);
                  throw new IllegalStateException("a callback that fails changes nothing");
                }));
    in.scan(T0);
    assertThat(failures)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.reason()).isEqualTo(org.mmskit.mm1.FetchFailure.Reason.UNRECOGNISED);
              assertThat(f.contentLocation()).isEmpty();
              assertThat(f.transactionId()).isEqualTo("T6");
            });
    MmsPdu answer = MmsPduDecoder.decode(told.get(0));
    assertThat(answer.type()).isEqualTo(PduType.NOTIFYRESP_IND);
    assertThat(answer.status()).hasValue(org.mmskit.core.pdu.PduStatus.STATUS_UNRECOGNISED);
    assertThat(retrieves).isZero();
    assertThat(store).isEmpty();
  }
}
