/**
 * MMSKit MM4: MMS between MMSCs over SMTP. {@link org.mmskit.mm4.Mm4Client} sends, {@link
 * org.mmskit.mm4.Mm4Listener} receives.
 */
module org.mmskit.mm4 {
  requires transitive org.mmskit.core;
  requires org.mmskit.server;
  requires jakarta.mail;
  requires org.eclipse.angus.mail;
  // subethasmtp ships no module name: this is the one Java derives from its jar's file name
  requires subethasmtp;
  requires org.slf4j;

  exports org.mmskit.mm4;
  // the mock MMSC speaks MM4 with the same reader and writer
  exports org.mmskit.mm4.internal to
      org.mmskit.testkit;
}
