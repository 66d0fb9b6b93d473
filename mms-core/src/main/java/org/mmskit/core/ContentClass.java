package org.mmskit.core;

/**
 * The content class of a message (MMS 1.2+ {@code X-Mms-Content-Class}, MM7 {@code ContentClass}).
 */
public enum ContentClass {
  TEXT("text"),
  IMAGE_BASIC("image-basic"),
  IMAGE_RICH("image-rich"),
  VIDEO_BASIC("video-basic"),
  VIDEO_RICH("video-rich"),
  MEGAPIXEL("megapixel"),
  CONTENT_BASIC("content-basic"),
  CONTENT_RICH("content-rich");

  private final String token;

  ContentClass(String token) {
    this.token = token;
  }

  /** The name as written in MM7, e.g. {@code image-basic}. */
  public String token() {
    return token;
  }

  /** Looks a class up by its MM7 token, case-insensitively. */
  public static ContentClass fromToken(String token) {
    for (ContentClass c : values()) {
      if (c.token.equalsIgnoreCase(token.trim())) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown content class: " + token);
  }
}
