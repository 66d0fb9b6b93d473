package org.mmskit.mm7.internal;

/** The StringBuilder XML builder of {@link ReferenceMm7Writer} (test oracle). */
final class ReferenceXmlOut {
  private final StringBuilder sb;
  private final String prefix;

  /**
   * @param prefix the MM7 element prefix including the colon (e.g. {@code "mm7:"}), or {@code ""}
   */
  ReferenceXmlOut(StringBuilder sb, String prefix) {
    this.sb = sb;
    this.prefix = prefix;
  }

  StringBuilder raw() {
    return sb;
  }

  ReferenceXmlOut open(String name) {
    sb.append('<').append(prefix).append(name).append('>');
    return this;
  }

  /**
   * Starts a tag whose attributes follow; finish it with {@link #endAttrs()} or {@link
   * #selfClose()}.
   */
  ReferenceXmlOut openWithAttrs(String name) {
    sb.append('<').append(prefix).append(name);
    return this;
  }

  ReferenceXmlOut attr(String name, String value) {
    sb.append(' ').append(name).append("=\"");
    escape(value, true);
    sb.append('"');
    return this;
  }

  ReferenceXmlOut endAttrs() {
    sb.append('>');
    return this;
  }

  ReferenceXmlOut selfClose() {
    sb.append("/>");
    return this;
  }

  ReferenceXmlOut close(String name) {
    sb.append("</").append(prefix).append(name).append('>');
    return this;
  }

  ReferenceXmlOut leaf(String name, String value) {
    if (value != null) {
      open(name);
      escape(value, false);
      close(name);
    }
    return this;
  }

  ReferenceXmlOut text(String value) {
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
