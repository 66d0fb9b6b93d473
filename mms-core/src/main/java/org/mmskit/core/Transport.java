package org.mmskit.core;

/** The protocol a message travelled over. */
public enum Transport {
  MM7,
  EAIF,
  MM4,
  MM1
}
