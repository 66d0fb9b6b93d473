package org.mmskit.mm7;

import java.util.Objects;
import java.util.Optional;
import org.mmskit.core.TransportDetail;

/**
 * What an MM7 request told about its sender, read with {@code
 * context.detail(Mm7InboundDetail.class)}.
 *
 * @param namespace the MM7 namespace URI the request used, empty when it used none
 * @param relayServerId the MMSC's own identifier ({@code MMSRelayServerID}), if sent
 */
public record Mm7InboundDetail(String namespace, Optional<String> relayServerId)
    implements TransportDetail {
  public Mm7InboundDetail {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(relayServerId, "relayServerId");
  }

  @Override
  public String describe() {
    return "MM7 namespace " + namespace + relayServerId.map(id -> ", relay " + id).orElse("");
  }
}
