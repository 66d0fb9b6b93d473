package org.mmskit.mm7.internal;

/**
 * A minimal XML text builder: elements, attributes and escaped text appended to one {@link
 * StringBuilder}. Not thread-safe; one per message.
 */
final class XmlOut {
  private final StringBuilder sb;
  private final String prefix;

  /**
   * @param prefix the MM7 element prefix including the colon (e.g. {@code "mm7:"}), or {@code ""}
   */
  XmlOut(StringBuilder sb, String prefix) {
    this.sb = sb;
    this.prefix = prefix;
  }

  StringBuilder raw() {
    return sb;
  }

  XmlOut open(String name) {
    sb.append('<').append(prefix).append(name).append('>');
    return this;
  }

  /**
   * Starts a tag whose attributes follow; finish it with {@link #endAttrs()} or {@link
   * #selfClose()}.
   */
  XmlOut openWithAttrs(String name) {
    sb.append('<').append(prefix).append(name);
    return this;
  }

  XmlOut attr(String name, String value) {
    sb.append(' ').append(name).append("=\"");
    escape(value, true);
    sb.append('"');
    return this;
  }

  XmlOut endAttrs() {
    sb.append('>');
    return this;
  }

  XmlOut selfClose() {
    sb.append("/>");
    return this;
  }

  XmlOut close(String name) {
    sb.append("</").append(prefix).append(name).append('>');
    return this;
  }

  XmlOut leaf(String name, String value) {
    if (value != null) {
      open(name);
      escape(value, false);
      close(name);
    }
    return this;
  }

  XmlOut text(String value) {
    escape(value, false);
    return this;
  }

  private void escape(String s, boolean attribute) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<':
          sb.append("&lt;");
          break;
        case '>':
          sb.append("&gt;");
          break;
        case '&':
          sb.append("&amp;");
          break;
        case '"':
          if (attribute) {
            sb.append("&quot;");
          } else {
            sb.append(c);
          }
          break;
        case '\r':
          sb.append("&#13;");
          break;
        default:
          if (c < 0x20 && c != '\n' && c != '\t') {
            // not representable in XML 1.0: replace rather than emit ill-formed XML
            sb.append('\uFFFD');
          } else {
            sb.append(c);
          }
      }
    }
  }
}
