package org.mmskit.core;

/** Whether the sender's address is shown to recipients (PDU {@code X-Mms-Sender-Visibility}). */
public enum SenderVisibility {
  HIDE,
  SHOW
}
