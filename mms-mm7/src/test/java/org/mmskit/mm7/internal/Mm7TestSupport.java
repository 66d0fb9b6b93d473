package org.mmskit.mm7.internal;

import java.util.Random;
import org.mmskit.core.MmsMessage;
import org.mmskit.mm7.Mm7Version;

/** Test helpers for tests outside this package. */
public final class Mm7TestSupport {
  private Mm7TestSupport() {}

  /** The SOAP XML part of an MM7 body. */
  public static String soapPart(String contentType, byte[] body) {
    MimeEntity top = MimeReader.parseBody(contentType, body, Mm7Limits.defaults());
    MimeEntity soap = top.isMultipart() ? top.children().get(0) : top;
    return new String(soap.body(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Validates the MM7 elements of a SOAP envelope against the project's XSD for {@code v}. */
  public static void validate(Mm7Version v, String soapXml) throws Exception {
    Mm7CodecRoundTripTest.validate(v, soapXml);
  }

  /** A seeded random message using every SubmitReq field. */
  public static MmsMessage randomSubmit(Random r) {
    return Mm7Fixtures.submitReq(r).message();
  }
}
