/** MMSKit core: the message model shared by every transport, and the binary MMS PDU codec. */
module org.mmskit.core {
  exports org.mmskit.core;
  exports org.mmskit.core.pdu;
}
