package org.mmskit.core;

/** Who pays for a message (MM7 {@code ChargedParty}); other transports ignore it. */
public enum ChargedParty {
  SENDER,
  RECIPIENT,
  BOTH,
  NEITHER,
  THIRD_PARTY
}
