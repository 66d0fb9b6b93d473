package org.mmskit.mm7.internal;

/**
 * Bounds the reader enforces on untrusted input; a breach is an {@link
 * org.mmskit.core.MmsMalformedException}, never an {@link OutOfMemoryError}.
 *
 * @param maxBodyBytes the largest HTTP body read (all parts together, encoded)
 * @param maxXmlBytes the largest SOAP XML part
 * @param maxParts the most MIME parts, counted over all nesting levels
 * @param maxDepth the deepest multipart nesting (the SOAP multipart is level 1)
 * @param maxHeaderBytes the largest header block of one MIME part
 * @param maxXmlElements the most XML elements in the SOAP part
 */
public record Mm7Limits(
    long maxBodyBytes,
    int maxXmlBytes,
    int maxParts,
    int maxDepth,
    int maxHeaderBytes,
    int maxXmlElements) {

  private static final Mm7Limits DEFAULTS =
      new Mm7Limits(32L * 1024 * 1024, 1024 * 1024, 200, 4, 16 * 1024, 20_000);

  public Mm7Limits {
    if (maxBodyBytes <= 0
        || maxXmlBytes <= 0
        || maxParts <= 0
        || maxDepth <= 0
        || maxHeaderBytes <= 0
        || maxXmlElements <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** 32 MiB body, 1 MiB XML, 200 parts, depth 4, 16 KiB headers, 20000 elements. */
  public static Mm7Limits defaults() {
    return DEFAULTS;
  }

  /** A copy with another body limit. */
  public Mm7Limits withMaxBodyBytes(long max) {
    return new Mm7Limits(max, maxXmlBytes, maxParts, maxDepth, maxHeaderBytes, maxXmlElements);
  }
}
