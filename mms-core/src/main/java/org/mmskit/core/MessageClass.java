package org.mmskit.core;

/** The class of a message (PDU {@code X-Mms-Message-Class}, MM7 {@code MessageClass}). */
public enum MessageClass {
  PERSONAL,
  ADVERTISEMENT,
  INFORMATIONAL,
  AUTO
}
