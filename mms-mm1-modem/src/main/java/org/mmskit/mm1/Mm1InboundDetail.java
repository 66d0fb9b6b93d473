package org.mmskit.mm1;

import java.util.Objects;
import java.util.Optional;
import org.mmskit.core.TransportDetail;

/**
 * How an MM1 message or report reached the modem: the sender of the WAP Push SMS (the MMSC's push
 * number) and, for a message, where it was fetched from.
 *
 * @param pushOriginator the originator of the SMS that carried the push
 * @param contentLocation the notification's X-Mms-Content-Location, empty for reports
 */
public record Mm1InboundDetail(String pushOriginator, Optional<String> contentLocation)
    implements TransportDetail {
  public Mm1InboundDetail {
    Objects.requireNonNull(pushOriginator, "pushOriginator");
    Objects.requireNonNull(contentLocation, "contentLocation");
  }

  @Override
  public String describe() {
    return "WAP Push from "
        + pushOriginator
        + contentLocation.map(l -> ", fetched from " + l).orElse("");
  }
}
