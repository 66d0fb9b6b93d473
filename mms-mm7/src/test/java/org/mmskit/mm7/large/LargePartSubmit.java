package org.mmskit.mm7.large;

import java.net.URI;
import java.nio.file.Path;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.mm7.Mm7Client;

/** Run in a child JVM with a small heap: submits one message whose part is a file. */
public final class LargePartSubmit {
  private LargePartSubmit() {}

  public static void main(String[] args) {
    try (Mm7Client client = Mm7Client.builder().endpoint(URI.create(args[0])).build()) {
      String id =
          client
              .submit(
                  MmsMessage.builder()
                      .from(Address.shortCode("12345"))
                      .to(Address.phone("+15551234567"))
                      .addPart(MmsPart.ofFile("image/jpeg", Path.of(args[1])))
                      .build())
              .messageId();
      System.out.println("messageId=" + id);
      System.out.println("maxMemory=" + Runtime.getRuntime().maxMemory());
    }
  }
}
