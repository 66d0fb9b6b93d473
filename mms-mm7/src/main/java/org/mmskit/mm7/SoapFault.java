package org.mmskit.mm7;

import java.util.Objects;
import org.mmskit.core.TransportDetail;

/**
 * The SOAP fault an MMSC answered with, read from a refusal with {@code
 * exception.detail(SoapFault.class)}. The MM7 status inside the fault's detail, if any, is the
 * exception's {@code statusCode()}.
 *
 * @param faultCode the {@code faultcode}, e.g. {@code env:Server}; empty when missing
 * @param faultString the {@code faultstring}; empty when missing
 */
public record SoapFault(String faultCode, String faultString) implements TransportDetail {
  public SoapFault {
    Objects.requireNonNull(faultCode, "faultCode");
    Objects.requireNonNull(faultString, "faultString");
  }

  @Override
  public String describe() {
    return "SOAP fault " + faultCode + (faultString.isEmpty() ? "" : " \"" + faultString + "\"");
  }
}
