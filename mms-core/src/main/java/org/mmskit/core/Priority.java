package org.mmskit.core;

/** The priority of a message (PDU {@code X-Mms-Priority}, MM7 {@code Priority}). */
public enum Priority {
  LOW,
  NORMAL,
  HIGH
}
