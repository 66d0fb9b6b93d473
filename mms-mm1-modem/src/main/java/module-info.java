/**
 * MMSKit MM1: sends and receives MMS the way a phone does, through a cellular modem on a serial
 * port. {@link org.mmskit.mm1.ModemMmsClient} sends, {@link org.mmskit.mm1.ModemListener} receives.
 */
module org.mmskit.mm1 {
  requires transitive org.mmskit.core;
  requires com.fazecast.jSerialComm;
  requires org.mmskit.http;
  requires org.slf4j;

  exports org.mmskit.mm1;
  // the modem simulator and the mock MMSC's MM1 side write SMS PDUs and drive ports the same way
  exports org.mmskit.mm1.internal to
      org.mmskit.testkit;
}
