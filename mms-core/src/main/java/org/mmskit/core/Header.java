package org.mmskit.core;

import java.util.Objects;

/**
 * A header name and value kept as text, used for headers the model has no field for so that nothing
 * a peer sent is lost.
 *
 * @param name the header name as written, e.g. {@code X-Mms-Foo}
 * @param value the header value as text
 */
public record Header(String name, String value) {
  public Header {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
