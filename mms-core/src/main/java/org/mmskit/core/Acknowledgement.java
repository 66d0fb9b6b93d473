package org.mmskit.core;

import java.util.Objects;

/**
 * What a listener callback answers the MMSC. Transports map it onto their own response: the MM7
 * status code and text of DeliverRsp etc., an HTTP status for EAIF.
 *
 * @param statusCode an MM7-style status code: 1000 success, 2xxx client error, 3xxx server error,
 *     4xxx service error
 * @param statusText text sent with the code
 */
public record Acknowledgement(int statusCode, String statusText) {
  private static final Acknowledgement OK = new Acknowledgement(1000, "Success");
  private static final Acknowledgement NOT_HANDLED =
      new Acknowledgement(4006, "Service unavailable: the application does not take this kind");

  public Acknowledgement {
    Objects.requireNonNull(statusText, "statusText");
    if (statusCode < 1000 || statusCode > 9999) {
      throw new IllegalArgumentException("status code must have four digits: " + statusCode);
    }
  }

  /** 1000 Success. */
  public static Acknowledgement ok() {
    return OK;
  }

  /** A refusal with the given code and text (e.g. 4006 Service unavailable, 3001 busy). */
  public static Acknowledgement refuse(int statusCode, String statusText) {
    return new Acknowledgement(statusCode, statusText);
  }

  /**
   * 4006 Service unavailable, the answer of a callback the application did not provide: every
   * transport turns it into its "not accepted, try later" (an MM7 status the MMSC retries, an HTTP
   * server error for EAIF, SMTP 451 for MM4, no notify-response for MM1).
   */
  public static Acknowledgement notHandled() {
    return NOT_HANDLED;
  }

  /** True for 1xxx codes. */
  public boolean isSuccess() {
    return statusCode < 2000;
  }
}
