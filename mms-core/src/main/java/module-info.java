/** MMSKit core: the message model shared by every transport, and the binary MMS PDU codec. */
module org.mmskit.core {
  exports org.mmskit.core;
  exports org.mmskit.core.pdu;
  exports org.mmskit.core.internal to
      org.mmskit.mm7,
      org.mmskit.eaif,
      org.mmskit.cli,
      org.mmskit.testkit;
}
