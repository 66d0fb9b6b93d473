/**
 * MMSKit test kit: {@link org.mmskit.testkit.MockMmsc}, an MMSC on loopback that speaks MM7, EAIF
 * and MM4, and for MM1 {@link org.mmskit.testkit.mm1.MockMm1Mmsc} with a {@link
 * org.mmskit.testkit.mm1.ModemSimulator} on a {@link org.mmskit.testkit.mm1.PtyPair}, for the tests
 * of applications built on MMSKit.
 */
module org.mmskit.testkit {
  requires transitive org.mmskit.core;
  requires transitive org.mmskit.server;
  requires transitive org.mmskit.mm7;
  requires org.mmskit.eaif;
  requires org.mmskit.mm4;
  requires jakarta.mail;
  // subethasmtp ships no module name: this is the one Java derives from its jar's file name
  requires subethasmtp;
  requires org.mmskit.mm1;
  requires org.apache.httpcomponents.client5.httpclient5;
  requires org.apache.httpcomponents.core5.httpcore5;
  requires org.slf4j;

  exports org.mmskit.testkit;
  exports org.mmskit.testkit.mm1;
}
