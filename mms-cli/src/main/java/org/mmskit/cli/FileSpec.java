package org.mmskit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mmskit.core.MmsPart;

/**
 * A {@code --file} argument: a path, optionally followed by {@code ;type=MEDIA/TYPE} as curl writes
 * it (e.g. {@code photo.bin;type=image/jpeg}); without a type, the extension decides.
 */
record FileSpec(Path path, String mediaType) {

  private static final String TYPE = ";type=";

  /** Parses {@code PATH[;type=MEDIA/TYPE]}. */
  static FileSpec parse(String arg) {
    int at = arg.toLowerCase(java.util.Locale.ROOT).lastIndexOf(TYPE);
    if (at < 0) {
      return new FileSpec(Path.of(arg), null);
    }
    String type = arg.substring(at + TYPE.length()).trim();
    if (type.isEmpty() || type.indexOf('/') <= 0) {
      throw new IllegalArgumentException(
          "--file " + arg + ": the type must be a media type such as image/jpeg");
    }
    return new FileSpec(Path.of(arg.substring(0, at)), type);
  }

  /** The part, its body read from the file when sent. */
  MmsPart part() throws IOException {
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new IOException("cannot read file " + path);
    }
    String type = mediaType != null ? mediaType : MediaTypes.forFile(path);
    try {
      return MmsPart.ofFile(type, path);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--file " + path + ": bad type " + type);
    }
  }
}
