package org.mmskit.mm4.internal;

import jakarta.activation.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.mmskit.core.MmsPart;

/** Lets Jakarta Mail stream a part's body from its source while writing, without a copy. */
final class PartDataSource implements DataSource {
  private final MmsPart part;

  PartDataSource(MmsPart part) {
    this.part = part;
  }

  @Override
  public InputStream getInputStream() throws IOException {
    return part.openStream();
  }

  @Override
  public OutputStream getOutputStream() throws IOException {
    throw new IOException("a part body is read-only");
  }

  @Override
  public String getContentType() {
    return part.contentType().toString();
  }

  @Override
  public String getName() {
    return part.name().orElse("");
  }
}
