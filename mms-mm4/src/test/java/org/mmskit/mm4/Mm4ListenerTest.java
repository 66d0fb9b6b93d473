package org.mmskit.mm4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.ReadReply;
import org.mmskit.core.ReadStatus;
import org.mmskit.core.Transport;

class Mm4ListenerTest {
  private final List<IncomingMessage> messages = new CopyOnWriteArrayList<>();
  private final List<DeliveryReport> reports = new CopyOnWriteArrayList<>();
  private final List<ReadReply> readReplies = new CopyOnWriteArrayList<>();
  private final List<Mm4Response> responses = new CopyOnWriteArrayList<>();
  private Mm4Listener listener;

  private Mm4Listener.Builder accepting() {
    return Mm4Listener.builder()
        .onMessage(
            m -> {
              messages.add(m);
              return Acknowledgement.ok();
            })
        .onDeliveryReport(
            r -> {
              reports.add(r);
              return Acknowledgement.ok();
            })
        .onReadReply(
            r -> {
              readReplies.add(r);
              return Acknowledgement.ok();
            })
        .onResponse(responses::add);
  }

  @AfterEach
  void stop() {
    if (listener != null) {
      listener.close();
    }
  }

  /** Sends one mail on a fresh connection; returns the reply to the end of data. */
  private String deliver(String mail) throws Exception {
    try (RawSmtp smtp = new RawSmtp(listener.port())) {
      assertThat(smtp.begin("+4915550001/TYPE=PLMN@mms.peer.example", "+4915550002/TYPE=PLMN@us"))
          .startsWith("354");
      smtp.send(mail + ".\r\n");
      String reply = smtp.reply();
      smtp.command("QUIT");
      return reply;
    }
  }

  @Test
  void forwardRequestReachesTheApplicationBeforeThe250() throws Exception {
    listener = accepting().start();
    String reply = deliver(Mails.forwardReq("tx-1"));
    assertThat(reply).startsWith("250");
    assertThat(messages).hasSize(1);
    IncomingMessage in = messages.get(0);
    assertThat(in.message().from()).contains(Address.phone("+4915550001"));
    assertThat(in.message().to()).containsExactly(Address.phone("+4915550002"));
    assertThat(in.message().subject()).contains("hello");
    assertThat(in.message().messageId()).contains("msg-tx-1@mms.peer.example");
    assertThat(in.message().presentation().orElseThrow().contentType().mediaType())
        .isEqualTo("application/smil");
    assertThat(in.message().parts()).hasSize(1);
    assertThat(in.message().parts().get(0).text()).isEqualTo("Hello world");
    assertThat(in.message().parts().get(0).contentLocation()).contains("t.txt");
    assertThat(in.context().transport()).isEqualTo(Transport.MM4);
    assertThat(in.context().transactionId()).contains("tx-1");
    assertThat(in.context().protocolVersion()).contains("5.5.0");
    Mm4InboundDetail detail = in.context().detail(Mm4InboundDetail.class).orElseThrow();
    assertThat(detail.messageType()).contains(Mm4MessageType.FORWARD_REQ);
    assertThat(detail.originatorSystem()).contains("PostMaster@mms.peer.example");
    assertThat(detail.envelopeFrom()).isEqualTo("+4915550001/TYPE=PLMN@mms.peer.example");
    assertThat(detail.envelopeRecipients()).containsExactly("+4915550002/TYPE=PLMN@us");
  }

  @Test
  void ehloAnnouncesTheSizeLimit() throws Exception {
    listener = accepting().maxRequestSize(20_000).start();
    try (RawSmtp smtp = new RawSmtp(listener.port())) {
      assertThat(smtp.reply()).startsWith("220");
      assertThat(smtp.command("EHLO peer.example")).contains("250-SIZE 20000");
    }
  }

  @Test
  void refusalAndExceptionAndMissingCallbackEachGive451() throws Exception {
    listener =
        Mm4Listener.builder()
            .onMessage(m -> Acknowledgement.refuse(3001, "busy"))
            .onReadReply(
                r -> {
                  throw new IllegalStateException("database down");
                })
            .start();
    assertThat(deliver(Mails.forwardReq("tx-2"))).startsWith("451 4.3.0").contains("3001 busy");
    assertThat(deliver(Mails.deliveryReport("tx-3", "Retrieved"))).startsWith("451");
    String rr =
        Mails.deliveryReport("tx-4", "x")
            .replace("MM4_delivery_report.REQ", "MM4_read_reply_report.REQ")
            .replace("X-MMS-MM-Status-Code: x", "X-Mms-Read-Status: Read");
    assertThat(deliver(rr)).startsWith("451");
  }

  @Test
  void deliveryReportIsReadLeniently() throws Exception {
    listener = accepting().start();
    assertThat(deliver(Mails.deliveryReport("tx-5", "Unrecognized"))).startsWith("250");
    DeliveryReport r = reports.get(0);
    assertThat(r.messageId()).isEqualTo("orig-1@mms.us.example");
    assertThat(r.status()).isEqualTo(DeliveryStatus.UNRECOGNISED);
    assertThat(r.rawStatus()).isEqualTo("Unrecognized");
    assertThat(r.recipient()).contains(Address.phone("+4915550002"));
    assertThat(r.sender()).contains(Address.phone("+4915550001"));
    assertThat(r.statusText()).contains("delivered to the handset");
    assertThat(r.context().transactionId()).contains("tx-5");
  }

  @Test
  void readReplyAcceptsTheDialectHeader() throws Exception {
    listener = accepting().start();
    String mail =
        Mails.deliveryReport("tx-6", "x")
            .replace("MM4_delivery_report.REQ", "MM4_read_reply_report.REQ")
            .replace("X-MMS-MM-Status-Code: x", "X-Mms-MM-Read-Status: Deleted without being read");
    assertThat(deliver(mail)).startsWith("250");
    assertThat(readReplies.get(0).status()).isEqualTo(ReadStatus.DELETED);
    assertThat(readReplies.get(0).rawStatus()).isEqualTo("Deleted without being read");
  }

  @Test
  void responsesReachOnResponseAndWithoutItGet451() throws Exception {
    String res =
        String.join(
                "\r\n",
                "X-Mms-3GPP-MMS-Version: 6.10.0",
                "X-Mms-Message-Type: MM4_forward.RES",
                "X-Mms-Transaction-ID: \"tx-7@mms.us.example\"",
                "X-Mms-Message-ID: \"m-7@mms.us.example\"",
                "X-Mms-Request-Status-Code: Error-service-denied",
                "X-Mms-Status-Text: no roaming",
                "Sender: system@mms.peer.example",
                "To: mms@mms.us.example",
                "",
                "")
            + "\r\n";
    listener = accepting().start();
    assertThat(deliver(res)).startsWith("250");
    Mm4Response r = responses.get(0);
    assertThat(r.type()).isEqualTo(Mm4MessageType.FORWARD_RES);
    assertThat(r.transactionId()).isEqualTo("tx-7@mms.us.example");
    assertThat(r.messageId()).contains("m-7@mms.us.example");
    assertThat(r.isOk()).isFalse();
    assertThat(r.requestStatus()).isEqualTo("Error-service-denied");
    assertThat(r.statusText()).contains("no roaming");
    listener.close();
    listener = Mm4Listener.builder().onMessage(m -> Acknowledgement.ok()).start();
    assertThat(deliver(res)).startsWith("451");
  }

  @Test
  void plainEmailBecomesAnIncomingMessage() throws Exception {
    listener = accepting().start();
    String mail =
        "From: Alice <alice@example.org>\r\nTo: +4915550002@mms.us.example\r\n"
            + "Subject: =?utf-8?B?SGVsbG8g8J+Mjg==?=\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n\r\nGr\u00fc\u00dfe\r\n";
    try (RawSmtp smtp = new RawSmtp(listener.port())) {
      smtp.begin("alice@example.org", "+4915550002@mms.us.example");
      smtp.send((mail + ".\r\n").getBytes(StandardCharsets.UTF_8));
      assertThat(smtp.reply()).startsWith("250");
    }
    IncomingMessage in = messages.get(0);
    assertThat(in.message().from()).contains(Address.email("alice@example.org"));
    assertThat(in.message().to()).containsExactly(Address.phone("+4915550002"));
    assertThat(in.message().subject()).contains("Hello \uD83C\uDF0E");
    assertThat(in.message().parts().get(0).text()).isEqualTo("Gr\u00fc\u00dfe\r\n");
    assertThat(in.context().detail(Mm4InboundDetail.class).orElseThrow().messageType()).isEmpty();
  }

  @Test
  void pipelinedCommandsAndDotStuffedLinesAreRead() throws Exception {
    listener = accepting().start();
    String body =
        Mails.forwardReq("tx-8")
            .replace("SGVsbG8gd29ybGQ=", "SGVsbG8gd29ybGQ=")
            .replace(
                "Content-Type: text/plain; charset=utf-8\r\nContent-ID: <t>\r\n"
                    + "Content-Location: t.txt\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + "SGVsbG8gd29ybGQ=",
                "Content-Type: text/plain; charset=utf-8\r\nContent-ID: <t>\r\n\r\n"
                    + "..leading dot\r\n...two");
    try (RawSmtp smtp = new RawSmtp(listener.port())) {
      assertThat(smtp.reply()).startsWith("220");
      smtp.send(
          "EHLO peer.example\r\nMAIL FROM:<a@peer.example>\r\nRCPT TO:<b@us.example>\r\nDATA\r\n");
      assertThat(smtp.reply()).startsWith("250");
      assertThat(smtp.reply()).startsWith("250");
      assertThat(smtp.reply()).startsWith("250");
      assertThat(smtp.reply()).startsWith("354");
      smtp.send(body + ".\r\nMAIL FROM:<a@peer.example>\r\nRCPT TO:<b@us.example>\r\nDATA\r\n");
      assertThat(smtp.reply()).startsWith("250");
      assertThat(smtp.reply()).startsWith("250");
      assertThat(smtp.reply()).startsWith("250");
      assertThat(smtp.reply()).startsWith("354");
      smtp.send(Mails.forwardReq("tx-9") + ".\r\nQUIT\r\n");
      assertThat(smtp.reply()).startsWith("250");
      assertThat(smtp.reply()).startsWith("221");
    }
    assertThat(messages).hasSize(2);
    assertThat(messages.get(0).message().parts().get(0).text()).isEqualTo(".leading dot\r\n..two");
    assertThat(messages.get(1).context().transactionId()).contains("tx-9");
  }

  @Test
  void aConnectionDroppedMidDataDeliversNothingAndTheServerServesOn() throws Exception {
    listener = accepting().start();
    try (RawSmtp smtp = new RawSmtp(listener.port())) {
      smtp.begin("a@peer.example", "b@us.example");
      String mail = Mails.forwardReq("tx-10");
      smtp.send(mail.substring(0, mail.length() / 2));
      smtp.abort();
    }
    assertThat(deliver(Mails.forwardReq("tx-11"))).startsWith("250");
    assertThat(messages)
        .extracting(m -> m.context().transactionId().orElseThrow())
        .containsExactly("tx-11");
  }

  @Test
  void allowFromRefusesOtherPeers() throws Exception {
    listener = accepting().allowFrom("192.0.2.0/24").start();
    try (RawSmtp smtp = new RawSmtp(listener.port())) {
      assertThat(smtp.reply()).startsWith("554");
    }
    listener.close();
    listener = accepting().allowFrom("127.0.0.0/8").start();
    assertThat(deliver(Mails.forwardReq("tx-12"))).startsWith("250");
  }

  @Test
  void accountsRequireAuth() throws Exception {
    listener = accepting().account("peer", "s3cret").start();
    try (RawSmtp smtp = new RawSmtp(listener.port())) {
      smtp.reply();
      assertThat(smtp.command("EHLO peer.example")).contains("AUTH");
      assertThat(smtp.command("MAIL FROM:<a@peer.example>")).startsWith("530");
      String wrong = java.util.Base64.getEncoder().encodeToString("\0peer\0nope".getBytes());
      assertThat(smtp.command("AUTH PLAIN " + wrong)).startsWith("535");
      String right = java.util.Base64.getEncoder().encodeToString("\0peer\0s3cret".getBytes());
      assertThat(smtp.command("AUTH PLAIN " + right)).startsWith("235");
      assertThat(smtp.command("MAIL FROM:<a@peer.example>")).startsWith("250");
      assertThat(smtp.command("RCPT TO:<b@us.example>")).startsWith("250");
      assertThat(smtp.command("DATA")).startsWith("354");
      smtp.send(Mails.forwardReq("tx-13") + ".\r\n");
      assertThat(smtp.reply()).startsWith("250");
    }
    assertThat(messages.get(0).context().account()).contains("peer");
  }
}
