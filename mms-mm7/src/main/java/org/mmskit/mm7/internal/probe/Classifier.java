package org.mmskit.mm7.internal.probe;

import org.mmskit.core.HttpStatus;
import org.mmskit.core.MmsException;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.mm7.Mm7ProbeResult.Verdict;
import org.mmskit.mm7.SoapFault;
import org.mmskit.mm7.internal.Mm7StatusCodes;

/** Reads MM7 statuses, HTTP statuses and client failures as verdicts and answers in words. */
final class Classifier {
  private Classifier() {}

  record Reading(Verdict verdict, String answer) {}

  static Verdict forStatus(int code) {
    return switch (code) {
      case 4001 -> Verdict.WRONG_IDENTIFICATION;
      case 4002 -> Verdict.UNSUPPORTED_VERSION;
      case 2007, 4004 -> Verdict.FORMAT_REFUSED;
      default -> Verdict.UNDERSTOOD;
    };
  }

  /** An HTTP status without an MM7 answer. */
  static Verdict forHttp(int status) {
    return switch (status) {
      case 401 -> Verdict.NEEDS_CREDENTIALS;
      case 403 -> Verdict.FORBIDDEN;
      case 404 -> Verdict.WRONG_PATH;
      default -> status >= 200 && status < 300 ? Verdict.UNREADABLE_ANSWER : Verdict.HTTP_ERROR;
    };
  }

  /** A failure of the client call. */
  static Reading failure(MmsException e) {
    if (e instanceof MmscRejectedException r) {
      return rejected(r);
    }
    if (e instanceof MmsTransportException t) {
      return new Reading(
          Verdict.NO_ANSWER,
          (t.requestSent() ? "no answer: " : "no connection: ") + t.getMessage());
    }
    if (e instanceof MmsMalformedException m) {
      return new Reading(Verdict.UNREADABLE_ANSWER, "not an MM7 answer: " + m.getMessage());
    }
    return new Reading(Verdict.UNREADABLE_ANSWER, String.valueOf(e.getMessage()));
  }

  private static Reading rejected(MmscRejectedException r) {
    String http = r.detail(HttpStatus.class).map(h -> " (HTTP " + h.code() + ")").orElse("");
    if (r.statusCode().isPresent()) {
      int code = r.statusCode().getAsInt();
      String text = r.statusText().orElse(Mm7StatusCodes.meaning(code));
      String fault = r.kind() == MmscRejectedException.Kind.FAULT ? "SOAP fault with " : "";
      return new Reading(forStatus(code), fault + "MM7 status " + code + " " + text + http);
    }
    if (r.kind() == MmscRejectedException.Kind.FAULT) {
      String f =
          r.detail(SoapFault.class)
              .map(s -> s.faultCode() + " \"" + s.faultString() + "\"")
              .orElse("");
      return new Reading(Verdict.SOAP_FAULT, "SOAP fault " + f + http);
    }
    int status = r.detail(HttpStatus.class).map(HttpStatus::code).orElse(0);
    String reason =
        r.detail(HttpStatus.class).map(HttpStatus::reason).filter(s -> !s.isEmpty()).orElse("");
    if (status == 0) {
      return new Reading(Verdict.HTTP_ERROR, "refused: " + r.getMessage());
    }
    return new Reading(
        forHttp(status), ("HTTP " + status + " " + reason).strip() + " without an MM7 answer");
  }
}
