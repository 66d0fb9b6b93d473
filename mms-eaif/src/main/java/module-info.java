/**
 * MMSKit EAIF: Nokia's External Application Interface, an HTTP POST of binary MMS PDUs. {@link
 * org.mmskit.eaif.EaifClient} sends, {@link org.mmskit.eaif.EaifHandler} and {@link
 * org.mmskit.eaif.EaifListener} receive.
 */
module org.mmskit.eaif {
  requires transitive org.mmskit.core;
  requires transitive org.mmskit.server;
  requires org.mmskit.http;
  requires org.slf4j;

  exports org.mmskit.eaif;
}
