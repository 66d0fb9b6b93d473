package org.mmskit.core.internal.wsp;

import java.util.List;
import org.mmskit.core.ContentType;
import org.mmskit.core.MmsPart;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsVersion;
import org.mmskit.core.pdu.PduHeader;
import org.mmskit.core.pdu.PduType;

/**
 * Lets the decoder create an {@link MmsPdu} from lists it built and will not touch again, without
 * the copies the public builder makes. {@link MmsPdu} registers the factory when it is initialised.
 */
public final class PduAccess {
  private PduAccess() {}

  /** Creates a PDU from lists the caller gives up; they are wrapped, not copied. */
  public interface Factory {
    MmsPdu create(
        PduType type,
        MmsVersion version,
        List<PduHeader> headers,
        ContentType contentType,
        List<MmsPart> parts);
  }

  private static volatile Factory factory;

  public static void register(Factory f) {
    factory = f;
  }

  static Factory factory() {
    Factory f = factory;
    if (f == null) {
      try {
        Class.forName(MmsPdu.class.getName(), true, MmsPdu.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      f = factory;
    }
    return f;
  }
}
