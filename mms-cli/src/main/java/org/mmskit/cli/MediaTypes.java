package org.mmskit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** File extensions and the media types of MMS content, both ways. */
final class MediaTypes {
  private MediaTypes() {}

  /** Extension to media type; the first extension of a type is the one files are saved with. */
  private static final String[][] TABLE = {
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"png", "image/png"},
    {"gif", "image/gif"},
    {"bmp", "image/bmp"},
    {"wbmp", "image/vnd.wap.wbmp"},
    {"webp", "image/webp"},
    {"txt", "text/plain"},
    {"html", "text/html"},
    {"smil", "application/smil"},
    {"smi", "application/smil"},
    {"amr", "audio/amr"},
    {"mp3", "audio/mpeg"},
    {"aac", "audio/aac"},
    {"mid", "audio/midi"},
    {"mp4", "video/mp4"},
    {"3gp", "video/3gpp"},
    {"vcf", "text/x-vcard"},
    {"vcs", "text/x-vcalendar"},
    {"xml", "application/xml"},
    {"pdf", "application/pdf"},
    {"bin", "application/octet-stream"},
  };

  private static final Map<String, String> ALIASES =
      Map.of(
          "text/vcard", "vcf",
          "text/directory", "vcf",
          "image/jpg", "jpg",
          "audio/amr-wb", "awb",
          "video/3gpp2", "3g2",
          "application/vnd.wap.mms-message", "mms");

  /** The media type for a file: by its extension, else what the platform guesses, else binary. */
  static String forFile(Path file) throws IOException {
    String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    for (String[] row : TABLE) {
      if (row[0].equals(ext)) {
        return row[1];
      }
    }
    String probed = Files.probeContentType(file);
    return probed != null ? probed : "application/octet-stream";
  }

  /** The extension (without dot) files of this media type are saved with, if one is known. */
  static Optional<String> extension(String mediaType) {
    String t = mediaType.toLowerCase(Locale.ROOT);
    for (String[] row : TABLE) {
      if (row[1].equals(t)) {
        return Optional.of(row[0]);
      }
    }
    return Optional.ofNullable(ALIASES.get(t));
  }
}
