/**
 * MMSKit server: the embeddable inbound HTTP listener (HttpCore 5 classic) and the transport-
 * independent handler SPI that the MM7 and EAIF listeners plug into.
 */
module org.mmskit.server {
  requires org.apache.httpcomponents.core5.httpcore5;
  requires org.slf4j;

  exports org.mmskit.server;
}
