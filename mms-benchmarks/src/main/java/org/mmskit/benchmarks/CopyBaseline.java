package org.mmskit.benchmarks;

/**
 * The baseline the codec benchmarks are compared with: one allocation and one copy of a message.
 */
final class CopyBaseline {
  private CopyBaseline() {}

  /** Allocates an array of the message's size and copies the message into it once. */
  static byte[] copy(byte[] message) {
    byte[] copy = new byte[message.length];
    System.arraycopy(message, 0, copy, 0, message.length);
    return copy;
  }
}
