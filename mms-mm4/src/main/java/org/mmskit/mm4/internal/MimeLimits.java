package org.mmskit.mm4.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.mmskit.core.MmsMalformedException;

/**
 * Checks a mail's shape before Jakarta Mail builds objects for it: Jakarta Mail has no cap on
 * header lines or body parts, and a 10 MB mail can hold a million of either.
 *
 * @param maxHeaderLines most header lines in one header block (the mail's or a part's)
 * @param maxParts most body parts in the whole mail, all nesting levels together
 * @param maxDepth most nesting levels of multiparts
 */
public record MimeLimits(int maxHeaderLines, int maxParts, int maxDepth) {
  public static final MimeLimits DEFAULT = new MimeLimits(1000, 1000, 8);

  /**
   * Counts the header lines of the mail's own header block.
   *
   * @throws MmsMalformedException when there are too many
   */
  public void checkHeaders(byte[] mail, int length) throws MmsMalformedException {
    int lines = 0;
    int lineStart = 0;
    for (int i = 0; i < length; i++) {
      if (mail[i] == '\n') {
        boolean empty = i - lineStart == 0 || (i - lineStart == 1 && mail[lineStart] == '\r');
        if (empty) {
          return;
        }
        if (++lines > maxHeaderLines) {
          throw new MmsMalformedException(
              "more than " + maxHeaderLines + " header lines", i, "headers", null);
        }
        lineStart = i + 1;
      }
    }
  }

  /**
   * Counts the parts of one multipart body, and the header lines of each, reading its raw bytes
   * line by line without keeping them.
   *
   * @param partsSoFar parts already counted in enclosing multiparts
   * @return the parts of this multipart (not counting nested ones)
   * @throws MmsMalformedException when a limit is passed
   */
  public int checkMultipart(InputStream raw, String boundary, int partsSoFar)
      throws IOException, MmsMalformedException {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int parts = 0;
    boolean inHeaders = false;
    int headerLines = 0;
    long offset = 0;
    int column = 0;
    boolean prefixMatches = true;
    boolean lineEmpty = true;
    int c;
    while ((c = raw.read()) >= 0) {
      offset++;
      if (c == '\n') {
        if (prefixMatches && column >= delimiter.length) {
          inHeaders = true;
          headerLines = 0;
          if (++parts + partsSoFar > maxParts + 1) {
            throw new MmsMalformedException(
                "more than " + maxParts + " body parts", offset, "body", null);
          }
        } else if (inHeaders) {
          if (lineEmpty) {
            inHeaders = false;
          } else if (++headerLines > maxHeaderLines) {
            throw new MmsMalformedException(
                "more than " + maxHeaderLines + " header lines in part " + parts,
                offset,
                "part headers",
                null);
          }
        }
        column = 0;
        prefixMatches = true;
        lineEmpty = true;
        continue;
      }
      if (c != '\r') {
        lineEmpty = false;
      }
      if (prefixMatches && column < delimiter.length && delimiter[column] != c) {
        prefixMatches = false;
      }
      column++;
    }
    // the closing delimiter ("--boundary--") was counted as a part start
    return Math.max(0, parts - 1);
  }
}
