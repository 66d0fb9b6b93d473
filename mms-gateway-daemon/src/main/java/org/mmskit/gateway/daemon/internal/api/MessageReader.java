package org.mmskit.gateway.daemon.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mmskit.core.Address;
import org.mmskit.core.MessageClass;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.Priority;
import org.mmskit.core.TimeSpec;

/**
 * Turns the fields of {@code POST /v1/messages} (a JSON object, or the fields of a form turned into
 * one) into a message, listing every problem by field instead of stopping at the first. Names are
 * those of {@code mmskit send} in camelCase.
 */
final class MessageReader {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

  static final Set<String> FIELDS =
      Set.of(
          "to",
          "cc",
          "bcc",
          "from",
          "subject",
          "text",
          "parts",
          "smil",
          "priority",
          "messageClass",
          "deliveryReport",
          "readReply",
          "expiry",
          "earliestDelivery",
          "serviceCode",
          "linkedId",
          "applicId",
          "replyApplicId",
          "auxApplicInfo");

  /**
   * One problem with the request: the field (a JSON path such as {@code parts[1].url}) and what.
   */
  record Problem(String field, String message) {}

  /**
   * A part to fetch from a URL once the rest of the request is known to be good; {@code slot} is
   * its place in the parts, {@code field} where it was asked for.
   */
  record Fetch(int slot, String field, URI url, String contentType, String fileName) {}

  /**
   * What was read: a builder holding everything but the parts, the parts in order with a null where
   * a fetched one goes, and the problems.
   */
  record Result(
      MmsMessage.Builder builder,
      List<MmsPart> parts,
      List<Fetch> fetches,
      List<Problem> problems) {}

  private final List<Problem> problems = new ArrayList<>();
  private final List<MmsPart> parts = new ArrayList<>();

  private MessageReader() {}

  /**
   * Reads the fields; {@code files} are parts that came as form files, added after {@code text} and
   * the JSON parts.
   */
  static Result read(JsonNode root, List<MmsPart> files) {
    return new MessageReader().doRead(root, files);
  }

  private Result doRead(JsonNode root, List<MmsPart> files) {
    MmsMessage.Builder b = MmsMessage.builder();
    List<Fetch> fetches = new ArrayList<>();
    if (!(root instanceof ObjectNode obj)) {
      problems.add(new Problem("", "expected a JSON object"));
      return new Result(b, parts, fetches, problems);
    }
    for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        problems.add(new Problem(name, "unknown field"));
      }
    }
    int recipients = 0;
    recipients += addresses(obj, "to", b::to);
    recipients += addresses(obj, "cc", b::cc);
    recipients += addresses(obj, "bcc", b::bcc);
    if (recipients == 0 && !obj.has("to") && !obj.has("cc") && !obj.has("bcc")) {
      problems.add(new Problem("to", "required: at least one recipient"));
    }
    String from = string(obj, "from");
    if (from != null) {
      try {
        b.from(Address.parse(from));
      } catch (IllegalArgumentException e) {
        problems.add(new Problem("from", e.getMessage()));
      }
    }
    String subject = string(obj, "subject");
    if (subject != null) {
      b.subject(subject);
    }
    String text = string(obj, "text");
    if (text != null) {
      parts.add(MmsPart.text(text));
    }
    parts(obj, fetches);
    parts.addAll(files);
    if (parts.isEmpty() && problems.stream().noneMatch(p -> p.field().startsWith("parts"))) {
      problems.add(new Problem("text", "required: text, parts or a file"));
    }
    Boolean smil = bool(obj, "smil");
    if (smil != null) {
      b.generateSmil(smil);
    }
    Priority priority = choice(obj, "priority", Priority.class);
    if (priority != null) {
      b.priority(priority);
    }
    MessageClass messageClass = choice(obj, "messageClass", MessageClass.class);
    if (messageClass != null) {
      b.messageClass(messageClass);
    }
    Boolean dr = bool(obj, "deliveryReport");
    if (dr != null) {
      b.deliveryReport(dr);
    }
    Boolean rr = bool(obj, "readReply");
    if (rr != null) {
      b.readReport(rr);
    }
    TimeSpec expiry = time(obj, "expiry");
    if (expiry != null) {
      b.expiry(expiry);
    }
    TimeSpec earliest = time(obj, "earliestDelivery");
    if (earliest != null) {
      b.earliestDelivery(earliest);
    }
    for (Map.Entry<String, BiConsumer<MmsMessage.Builder, String>> e :
        Map.<String, BiConsumer<MmsMessage.Builder, String>>of(
                "serviceCode", MmsMessage.Builder::serviceCode,
                "linkedId", MmsMessage.Builder::linkedId,
                "applicId", MmsMessage.Builder::applicId,
                "replyApplicId", MmsMessage.Builder::replyApplicId,
                "auxApplicInfo", MmsMessage.Builder::auxApplicInfo)
            .entrySet()) {
      String v = string(obj, e.getKey());
      if (v != null) {
        e.getValue().accept(b, v);
      }
    }
    return new Result(b, parts, fetches, problems);
  }

  private int addresses(ObjectNode obj, String field, java.util.function.Consumer<Address> add) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      return 0;
    }
    List<JsonNode> items = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(items::add);
    } else {
      items.add(n);
    }
    int count = 0;
    for (int i = 0; i < items.size(); i++) {
      String where = n.isArray() ? field + "[" + i + "]" : field;
      JsonNode item = items.get(i);
      if (!item.isTextual()) {
        problems.add(new Problem(where, "expected an address as a string"));
        continue;
      }
      try {
        add.accept(Address.parse(item.asText()));
        count++;
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(where, e.getMessage()));
      }
    }
    return count;
  }

  private void parts(ObjectNode obj, List<Fetch> fetches) {
    JsonNode n = obj.get("parts");
    if (n == null || n.isNull()) {
      return;
    }
    if (!n.isArray()) {
      problems.add(new Problem("parts", "expected a list of parts"));
      return;
    }
    for (int i = 0; i < n.size(); i++) {
      String where = "parts[" + i + "]";
      JsonNode p = n.get(i);
      if (!(p instanceof ObjectNode part)) {
        problems.add(new Problem(where, "expected an object (contentType, base64 or url)"));
        continue;
      }
      for (Iterator<String> it = part.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!Set.of("contentType", "base64", "url", "fileName", "contentId").contains(name)) {
          problems.add(new Problem(where + "." + name, "unknown field"));
        }
      }
      String type = string(part, "contentType", where);
      String base64 = string(part, "base64", where);
      String url = string(part, "url", where);
      String fileName = string(part, "fileName", where);
      String contentId = string(part, "contentId", where);
      if ((base64 == null) == (url == null)) {
        problems.add(new Problem(where, "give base64 or url, one of them"));
        continue;
      }
      if (base64 != null) {
        if (type == null) {
          problems.add(new Problem(where + ".contentType", "required with base64"));
          continue;
        }
        byte[] body;
        try {
          body = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
          problems.add(new Problem(where + ".base64", "not base64: " + e.getMessage()));
          continue;
        }
        try {
          MmsPart.Builder pb = MmsPart.builder().contentType(type).body(body);
          if (fileName != null) {
            pb.fileName(fileName);
          }
          if (contentId != null) {
            pb.contentId(contentId);
          }
          parts.add(pb.build());
        } catch (IllegalArgumentException e) {
          problems.add(new Problem(where, e.getMessage()));
        }
        continue;
      }
      URI u;
      try {
        u = URI.create(url);
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(where + ".url", "not a URL: " + e.getMessage()));
        continue;
      }
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
        problems.add(new Problem(where + ".url", "only http:// and https:// URLs are fetched"));
        continue;
      }
      fetches.add(new Fetch(parts.size(), where + ".url", u, type, fileName));
      parts.add(null);
    }
  }

  private String string(ObjectNode obj, String field) {
    return string(obj, field, "");
  }

  private String string(ObjectNode obj, String field, String prefix) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      problems.add(new Problem(name(prefix, field), "expected a string"));
      return null;
    }
    return n.asText();
  }

  private static String name(String prefix, String field) {
    return prefix.isEmpty() ? field : prefix + "." + field;
  }

  private Boolean bool(ObjectNode obj, String field) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isTextual() && (n.asText().equals("true") || n.asText().equals("false"))) {
      return Boolean.parseBoolean(n.asText());
    }
    problems.add(new Problem(field, "expected true or false"));
    return null;
  }

  private <E extends Enum<E>> E choice(ObjectNode obj, String field, Class<E> type) {
    String v = string(obj, field);
    if (v == null) {
      return null;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(v.trim())) {
        return e;
      }
    }
    List<String> known = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      known.add(e.name().toLowerCase(Locale.ROOT));
    }
    problems.add(new Problem(field, "'" + v + "' is not one of " + String.join(", ", known)));
    return null;
  }

  /**
   * A relative time ({@code 30m}, {@code 2h}, {@code 1d}) or an instant ({@code
   * 2026-12-07T10:00:00Z}).
   */
  private TimeSpec time(ObjectNode obj, String field) {
    String v = string(obj, field);
    if (v == null) {
      return null;
    }
    Matcher m = DURATION.matcher(v.trim().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      if (!d.isZero()) {
        return TimeSpec.after(d);
      }
    } else {
      try {
        return TimeSpec.at(Instant.parse(v.trim()));
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    problems.add(
        new Problem(field, "'" + v + "' is not a time: write 30m, 2h, 1d or 2026-12-07T10:00:00Z"));
    return null;
  }
}
