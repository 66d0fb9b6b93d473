package org.mmskit.mm4;

/** Hand-written MM4 mails as peers send them. */
final class Mails {
  private Mails() {}

  static String forwardReq(String transactionId) {
    return String.join(
            "\r\n",
            "X-Mms-3GPP-MMS-Version: 5.5.0",
            "X-Mms-Message-Type: MM4_forward.REQ",
            "X-Mms-Transaction-ID: \"" + transactionId + "\"",
            "X-Mms-Message-ID: \"msg-" + transactionId + "@mms.peer.example\"",
            "Message-ID: <msg-" + transactionId + "@mms.peer.example>",
            "X-Mms-Originator-System: PostMaster@mms.peer.example",
            "Sender: +4915550001/TYPE=PLMN@mms.peer.example",
            "From: +4915550001/TYPE=PLMN",
            "To: +4915550002/TYPE=PLMN",
            "Date: Sun, 06 Dec 2026 18:00:00 +0000",
            "Subject: hello",
            "X-Mms-Ack-Request: Yes",
            "MIME-Version: 1.0",
            "Content-Type: multipart/related; type=\"application/smil\"; start=\"<smil>\";",
            " boundary=\"b1\"",
            "",
            "--b1",
            "Content-Type: application/smil",
            "Content-ID: <smil>",
            "",
            "<smil><body><par><text src=\"t.txt\"/></par></body></smil>",
            "--b1",
            "Content-Type: text/plain; charset=utf-8",
            "Content-ID: <t>",
            "Content-Location: t.txt",
            "Content-Transfer-Encoding: base64",
            "",
            "SGVsbG8gd29ybGQ=",
            "--b1--",
            "")
        + "\r\n";
  }

  static String deliveryReport(String transactionId, String status) {
    return String.join(
            "\r\n",
            "X-Mms-3GPP-MMS-Version: 6.10.0",
            "x-mms-message-type: MM4_delivery_report.REQ",
            "X-Mms-Transaction-ID: " + transactionId,
            "X-Mms-Message-ID: \"orig-1@mms.us.example\"",
            "X-Mms-Originator-System: system@mms.peer.example",
            "Sender: +4915550002/TYPE=PLMN@mms.peer.example",
            "From: +4915550002/TYPE=PLMN@mms.peer.example",
            "To: +4915550001/TYPE=PLMN",
            "Date: Sun, 06 Dec 2026 18:00:00 +0000",
            "X-Mms-Ack-Request: No",
            "X-Mms-Forward-To-Originator-UA: Yes",
            "X-MMS-MM-Status-Code: " + status,
            "X-Mms-Status-Text:",
            " delivered to the handset",
            "",
            "")
        + "\r\n";
  }
}
