package org.mmskit.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mmskit.core.ContentType;
import org.mmskit.core.MmsPart;

/** Makes a SMIL presentation for plain parts: one slide per image/video/audio, text beside it. */
public final class SmilGenerator {

  /** The parts, each now with a Content-ID, and the SMIL part referring to them. */
  public record Result(List<MmsPart> parts, MmsPart smil) {}

  private SmilGenerator() {}

  public static Result generate(List<MmsPart> parts) {
    List<MmsPart> named = new ArrayList<>(parts.size());
    Set<String> used = new HashSet<>();
    for (MmsPart p : parts) {
      p.contentId().ifPresent(used::add);
    }
    int n = 0;
    for (MmsPart p : parts) {
      if (p.contentId().isPresent()) {
        named.add(p);
        continue;
      }
      String id;
      do {
        n++;
        id = "part" + n + extension(p.contentType().mediaType());
      } while (!used.add(id));
      MmsPart.Builder b = p.toBuilder().contentId(id);
      if (p.contentLocation().isEmpty()) {
        b.contentLocation(id);
      }
      named.add(b.build());
    }
    StringBuilder body = new StringBuilder(256);
    body.append("<smil><head><layout>")
        .append("<root-layout width=\"100%\" height=\"100%\"/>")
        .append(
            "<region id=\"Image\" top=\"0\" left=\"0\" width=\"100%\" height=\"80%\" fit=\"meet\"/>")
        .append(
            "<region id=\"Text\" top=\"80%\" left=\"0\" width=\"100%\" height=\"20%\" fit=\"scroll\"/>")
        .append("</layout></head><body>");
    // A slide holds at most one visual element and one text; audio joins the current slide.
    boolean open = false;
    boolean hasVisual = false;
    boolean hasText = false;
    for (MmsPart p : named) {
      String kind = element(p.contentType());
      boolean visual = kind.equals("img") || kind.equals("video");
      boolean text = kind.equals("text");
      if (!open || (visual && hasVisual) || (text && hasText)) {
        if (open) {
          body.append("</par>");
        }
        body.append("<par dur=\"5000ms\">");
        open = true;
        hasVisual = false;
        hasText = false;
      }
      hasVisual |= visual;
      hasText |= text;
      body.append('<')
          .append(kind)
          .append(" src=\"cid:")
          .append(escape(p.contentId().orElseThrow()));
      if (visual) {
        body.append("\" region=\"Image\"/>");
      } else if (text) {
        body.append("\" region=\"Text\"/>");
      } else {
        body.append("\"/>");
      }
    }
    if (open) {
      body.append("</par>");
    }
    body.append("</body></smil>");
    MmsPart smil =
        MmsPart.builder()
            .contentType(ContentType.APPLICATION_SMIL)
            .contentId("smil")
            .contentLocation("smil.xml")
            .body(body.toString().getBytes(StandardCharsets.UTF_8))
            .build();
    return new Result(named, smil);
  }

  private static String element(ContentType type) {
    String m = type.mediaType();
    if (m.startsWith("image/")) {
      return "img";
    }
    if (m.startsWith("video/")) {
      return "video";
    }
    if (m.startsWith("audio/")) {
      return "audio";
    }
    if (m.startsWith("text/")) {
      return "text";
    }
    return "ref";
  }

  private static String extension(String mediaType) {
    switch (mediaType) {
      case "text/plain":
        return ".txt";
      case "image/jpeg":
        return ".jpg";
      case "image/png":
        return ".png";
      case "image/gif":
        return ".gif";
      case "audio/amr":
        return ".amr";
      case "video/3gpp":
        return ".3gp";
      default:
        return "";
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
  }
}
