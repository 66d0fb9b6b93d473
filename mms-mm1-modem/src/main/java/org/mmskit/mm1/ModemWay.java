package org.mmskit.mm1;

/** How MMS travel between the program and the MMSC. */
public enum ModemWay {
  /**
   * The host has an IP path on the operator's MMS APN (PPP, a link brought up by ModemManager, a
   * router): the SDK speaks MM1 over HTTP through the WAP proxy, and uses the modem for SMS only.
   */
  DATA_LINK,
  /** SIMCom's MMS AT commands ({@code AT+CMMS...}) with the bearer set up through AT+SAPBR. */
  SIMCOM,
  /** Quectel's MMS AT commands ({@code AT+QMMS...}) and its HTTP commands for fetching. */
  QUECTEL
}
