package org.mmskit.mm7.internal.jaxb;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;

/**
 * Keeps a typed schema value (date-time, duration, boolean, number) as the text written: the codec
 * reads it leniently itself, so an unreadable optional value is dropped with a warning instead of
 * failing the message. Bound in {@code mm7.xjb}.
 */
public final class TextAdapter extends XmlAdapter<String, String> {
  @Override
  public String unmarshal(String text) {
    return text;
  }

  @Override
  public String marshal(String text) {
    return text;
  }
}
