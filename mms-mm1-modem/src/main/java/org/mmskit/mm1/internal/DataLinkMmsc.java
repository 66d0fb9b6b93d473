package org.mmskit.mm1.internal;

import java.io.IOException;
import java.net.URI;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.pdu.MmsPdu;

/**
 * Fetching and telling over the data link. The link comes up (if it has commands) at the look's
 * first exchange and goes down when the look is over, so one link serves all of a look's messages;
 * SMS are deleted after that, when the modem has its port back.
 */
public final class DataLinkMmsc implements Inbox.Mmsc {
  private final DataLink dataLink;
  private final LinkControl link;
  private boolean up;
  private MmsTransportException upFailed;

  public DataLinkMmsc(DataLink dataLink, LinkControl link) {
    this.dataLink = dataLink;
    this.link = link;
  }

  /** Brings the link up once per look; a failed link-up is not run again in the same look. */
  private void linkUp() {
    if (upFailed != null) {
      throw upFailed;
    }
    if (!up) {
      try {
        link.acquire();
      } catch (IOException e) {
        upFailed = new MmsTransportException("data link not up: " + e.getMessage(), e, false);
        throw upFailed;
      }
      up = true;
    }
  }

  @Override
  public MmsPdu retrieve(URI location) {
    linkUp();
    return dataLink.get(location);
  }

  @Override
  public void tell(byte[] pdu) {
    linkUp();
    dataLink.post(pdu, "answer to the notification");
  }

  @Override
  public void endOfLook() {
    upFailed = null;
    if (up) {
      up = false;
      link.release();
    }
  }
}
