package org.mmskit.core.pdu;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.mmskit.core.ContentType;
import org.mmskit.core.MessageClass;
import org.mmskit.core.MmsPart;
import org.mmskit.core.Priority;
import org.mmskit.core.TimeSpec;

/**
 * One binary MMS PDU (OMA MMS encapsulation): its type, its MMS version, its headers in order, and
 * for the PDUs that carry content a content type and the parts of the body.
 *
 * <p>The headers are kept as written, unknown ones included ({@link PduHeader.Raw}, {@link
 * PduHeader.Application}); the Message-Type, MMS-Version and Content-Type headers are the
 * properties {@link #type()}, {@link #version()} and {@link #contentType()} instead. A
 * Transaction-ID header is always first in {@link #headers()}, as the encoder writes it.
 *
 * <p>The body: with a multipart content type, {@link #parts()} are its entries; with any other
 * content type, a single part of that same type, without part headers, holds the body. PDUs without
 * Content-Type have no parts.
 *
 * <p>Immutable and thread-safe (part bodies are shared, not copied: do not change them). Two PDUs
 * are equal when type, version, headers (in order), content type and parts are equal.
 */
public final class MmsPdu {
  private final PduType type;
  private final MmsVersion version;
  private final List<PduHeader> headers;
  private final ContentType contentType;
  private final List<MmsPart> parts;

  private MmsPdu(Builder b) {
    this.type = Objects.requireNonNull(b.type, "type");
    this.version = Objects.requireNonNull(b.version, "version");
    List<PduHeader> h = b.headers;
    int tid = indexOf(h, PduField.TRANSACTION_ID);
    if (tid > 0) {
      h = new ArrayList<>(h);
      h.add(0, h.remove(tid));
    }
    this.headers = List.copyOf(h);
    this.contentType = b.contentType;
    this.parts = List.copyOf(b.parts);
    checkBody();
  }

  private void checkBody() {
    if (contentType == null && !parts.isEmpty()) {
      throw new IllegalArgumentException("parts without a content type");
    }
    if (contentType != null && !contentType.isMultipart()) {
      if (parts.size() != 1) {
        throw new IllegalArgumentException(
            "a PDU with the single-part content type "
                + contentType.mediaType()
                + " needs exactly one part, has "
                + parts.size());
      }
      MmsPart p = parts.get(0);
      if (!p.contentType().equals(contentType)
          || p.contentId().isPresent()
          || p.contentLocation().isPresent()
          || p.disposition().isPresent()
          || p.fileName().isPresent()
          || !p.headers().isEmpty()) {
        throw new IllegalArgumentException(
            "the body part of a single-part PDU has the PDU's content type and no part headers");
      }
    }
  }

  private static int indexOf(List<PduHeader> headers, int field) {
    for (int i = 0, n = headers.size(); i < n; i++) {
      if (headers.get(i).field() == field) {
        return i;
      }
    }
    return -1;
  }

  /** A builder for a PDU of the given type, MMS version 1.2 unless set. */
  public static Builder builder(PduType type) {
    return new Builder(type);
  }

  /** A builder holding all of this PDU's values. */
  public Builder toBuilder() {
    Builder b = new Builder(type);
    b.version = version;
    b.headers.addAll(headers);
    b.contentType = contentType;
    b.parts.addAll(parts);
    return b;
  }

  public PduType type() {
    return type;
  }

  public MmsVersion version() {
    return version;
  }

  /** All headers but Message-Type, MMS-Version and Content-Type, in order. */
  public List<PduHeader> headers() {
    return headers;
  }

  /** The first header of the given field number. */
  public Optional<PduHeader> header(int field) {
    int i = indexOf(headers, field);
    return i < 0 ? Optional.empty() : Optional.of(headers.get(i));
  }

  /** Every header of the given field number, in order. */
  public List<PduHeader> headers(int field) {
    List<PduHeader> out = new ArrayList<>(2);
    for (PduHeader h : headers) {
      if (h.field() == field) {
        out.add(h);
      }
    }
    return out;
  }

  /** The Content-Type header value; present on the PDUs that carry content. */
  public Optional<ContentType> contentType() {
    return Optional.ofNullable(contentType);
  }

  /** The body parts (see the class comment). */
  public List<MmsPart> parts() {
    return parts;
  }

  // ---- typed accessors for the common fields ----

  public Optional<String> transactionId() {
    return text(PduField.TRANSACTION_ID);
  }

  public Optional<String> messageId() {
    return text(PduField.MESSAGE_ID);
  }

  /** X-Mms-Content-Location: the URI to fetch a message from (m-notification-ind, ...). */
  public Optional<String> contentLocation() {
    return text(PduField.CONTENT_LOCATION);
  }

  /**
   * The sender as written (e.g. {@code +4912345/TYPE=PLMN}); empty when there is no From header or
   * it holds the Insert-address token.
   */
  public Optional<String> from() {
    return header(PduField.FROM)
        .filter(h -> h instanceof PduHeader.From && !((PduHeader.From) h).isInsertAddress())
        .map(h -> ((PduHeader.From) h).address().text());
  }

  /** True when From is the Insert-address token (the MMSC is to fill in the sender). */
  public boolean fromInsertAddress() {
    return header(PduField.FROM)
        .map(h -> h instanceof PduHeader.From && ((PduHeader.From) h).isInsertAddress())
        .orElse(false);
  }

  /** The To recipients as written, in order. */
  public List<String> to() {
    return texts(PduField.TO);
  }

  public List<String> cc() {
    return texts(PduField.CC);
  }

  public List<String> bcc() {
    return texts(PduField.BCC);
  }

  /** The subject text, decoded with its charset. */
  public Optional<String> subject() {
    return encoded(PduField.SUBJECT).map(EncodedString::text);
  }

  /** The subject with its charset label. */
  public Optional<EncodedString> subjectEncoded() {
    return encoded(PduField.SUBJECT);
  }

  /** The Date header, whole seconds. */
  public Optional<Instant> date() {
    OptionalLong v = integer(PduField.DATE);
    return v.isPresent() ? Optional.of(Instant.ofEpochSecond(v.getAsLong())) : Optional.empty();
  }

  /** X-Mms-Message-Size in bytes. */
  public OptionalLong messageSize() {
    return integer(PduField.MESSAGE_SIZE);
  }

  public Optional<TimeSpec> expiry() {
    return time(PduField.EXPIRY);
  }

  public Optional<TimeSpec> deliveryTime() {
    return time(PduField.DELIVERY_TIME);
  }

  /**
   * The message class when it is one of the four well-known ones; see {@link #messageClassText()}
   * for a class given as text.
   */
  public Optional<MessageClass> messageClass() {
    OptionalInt t = token(PduField.MESSAGE_CLASS);
    if (t.isPresent()) {
      switch (t.getAsInt()) {
        case 0x80:
          return Optional.of(MessageClass.PERSONAL);
        case 0x81:
          return Optional.of(MessageClass.ADVERTISEMENT);
        case 0x82:
          return Optional.of(MessageClass.INFORMATIONAL);
        case 0x83:
          return Optional.of(MessageClass.AUTO);
        default:
          return Optional.empty();
      }
    }
    return text(PduField.MESSAGE_CLASS).flatMap(MmsPdu::classFromText);
  }

  /** The message class as text: {@code personal}, ..., or the Token-text a sender wrote. */
  public Optional<String> messageClassText() {
    Optional<String> t = text(PduField.MESSAGE_CLASS);
    if (t.isPresent()) {
      return t;
    }
    return messageClass().map(c -> c.name().toLowerCase(java.util.Locale.ROOT));
  }

  private static Optional<MessageClass> classFromText(String s) {
    for (MessageClass c : MessageClass.values()) {
      if (c.name().equalsIgnoreCase(s)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  public Optional<Priority> priority() {
    OptionalInt t = token(PduField.PRIORITY);
    if (t.isEmpty() || t.getAsInt() > 0x82) {
      return Optional.empty();
    }
    return Optional.of(Priority.values()[t.getAsInt() - 0x80]);
  }

  /** X-Mms-Delivery-Report: yes (0x80) or no (0x81). */
  public Optional<Boolean> deliveryReport() {
    return yesNo(PduField.DELIVERY_REPORT);
  }

  /** X-Mms-Read-Report: yes (0x80) or no (0x81). */
  public Optional<Boolean> readReport() {
    return yesNo(PduField.READ_REPORT);
  }

  /** X-Mms-Report-Allowed: yes (0x80) or no (0x81). */
  public Optional<Boolean> reportAllowed() {
    return yesNo(PduField.REPORT_ALLOWED);
  }

  /** X-Mms-Status octet (m-delivery-ind, m-notifyresp-ind); see {@link PduStatus}. */
  public OptionalInt status() {
    return token(PduField.STATUS);
  }

  /** X-Mms-Response-Status octet (m-send-conf, m-forward-conf, ...); see {@link PduStatus}. */
  public OptionalInt responseStatus() {
    return token(PduField.RESPONSE_STATUS);
  }

  public Optional<String> responseText() {
    return encoded(PduField.RESPONSE_TEXT).map(EncodedString::text);
  }

  /** X-Mms-Retrieve-Status octet (m-retrieve-conf). */
  public OptionalInt retrieveStatus() {
    return token(PduField.RETRIEVE_STATUS);
  }

  public Optional<String> retrieveText() {
    return encoded(PduField.RETRIEVE_TEXT).map(EncodedString::text);
  }

  /** X-Mms-Read-Status octet: 0x80 read, 0x81 deleted without being read. */
  public OptionalInt readStatus() {
    return token(PduField.READ_STATUS);
  }

  /** The application headers ({@code name: value}) in order. */
  public List<PduHeader.Application> applicationHeaders() {
    List<PduHeader.Application> out = new ArrayList<>(0);
    for (PduHeader h : headers) {
      if (h instanceof PduHeader.Application) {
        out.add((PduHeader.Application) h);
      }
    }
    return out;
  }

  // ---- value helpers, usable for any field ----

  /** The value of a Text header, when the first header of that field is one. */
  public Optional<String> text(int field) {
    Optional<PduHeader> h = header(field);
    return h.isPresent() && h.get() instanceof PduHeader.Text
        ? Optional.of(((PduHeader.Text) h.get()).value())
        : Optional.empty();
  }

  /** The value of an Encoded header (or a Text one, as charset-less text). */
  public Optional<EncodedString> encoded(int field) {
    Optional<PduHeader> h = header(field);
    if (h.isPresent()) {
      if (h.get() instanceof PduHeader.Encoded) {
        return Optional.of(((PduHeader.Encoded) h.get()).value());
      }
      if (h.get() instanceof PduHeader.Text) {
        return Optional.of(EncodedString.of(((PduHeader.Text) h.get()).value()));
      }
    }
    return Optional.empty();
  }

  /** The value of an Int header. */
  public OptionalLong integer(int field) {
    Optional<PduHeader> h = header(field);
    return h.isPresent() && h.get() instanceof PduHeader.Int
        ? OptionalLong.of(((PduHeader.Int) h.get()).value())
        : OptionalLong.empty();
  }

  /** The octet of a Token header. */
  public OptionalInt token(int field) {
    Optional<PduHeader> h = header(field);
    return h.isPresent() && h.get() instanceof PduHeader.Token
        ? OptionalInt.of(((PduHeader.Token) h.get()).value())
        : OptionalInt.empty();
  }

  /** The value of a Time header. */
  public Optional<TimeSpec> time(int field) {
    Optional<PduHeader> h = header(field);
    return h.isPresent() && h.get() instanceof PduHeader.Time
        ? Optional.of(((PduHeader.Time) h.get()).value())
        : Optional.empty();
  }

  private Optional<Boolean> yesNo(int field) {
    OptionalInt t = token(field);
    if (t.isEmpty() || t.getAsInt() > 0x81) {
      return Optional.empty();
    }
    return Optional.of(t.getAsInt() == 0x80);
  }

  private List<String> texts(int field) {
    List<String> out = new ArrayList<>(2);
    for (PduHeader h : headers) {
      if (h.field() == field) {
        if (h instanceof PduHeader.Encoded) {
          out.add(((PduHeader.Encoded) h).value().text());
        } else if (h instanceof PduHeader.Text) {
          out.add(((PduHeader.Text) h).value());
        }
      }
    }
    return out;
  }

  /**
   * The mandatory headers (per OMA MMS encapsulation) this PDU lacks, by name; empty when it has
   * them all. The encoder refuses a PDU with missing headers; the decoder accepts one.
   */
  public List<String> missingMandatoryHeaders() {
    return org.mmskit.core.internal.wsp.PduRules.missing(this);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof MmsPdu)) {
      return false;
    }
    MmsPdu p = (MmsPdu) o;
    return type == p.type
        && version.equals(p.version)
        && headers.equals(p.headers)
        && Objects.equals(contentType, p.contentType)
        && parts.equals(p.parts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, version, headers, contentType, parts);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("MmsPdu{").append(type.specName()).append(' ');
    sb.append(version);
    for (PduHeader h : headers) {
      sb.append(", ").append(h);
    }
    if (contentType != null) {
      sb.append(", Content-Type=").append(contentType).append(", parts=").append(parts);
    }
    return sb.append('}').toString();
  }

  /**
   * Builds an {@link MmsPdu}. Typed setters replace an earlier header of the same field (keeping
   * its position); {@code addTo}/{@code addCc}/{@code addBcc} and {@link #add(PduHeader)} append.
   */
  public static final class Builder {
    private final PduType type;
    private MmsVersion version = MmsVersion.V1_2;
    private final List<PduHeader> headers = new ArrayList<>();
    private ContentType contentType;
    private final List<MmsPart> parts = new ArrayList<>();

    private Builder(PduType type) {
      this.type = Objects.requireNonNull(type, "type");
    }

    public Builder version(MmsVersion version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /** Appends a header. */
    public Builder add(PduHeader header) {
      headers.add(Objects.requireNonNull(header, "header"));
      return this;
    }

    /** Sets a header, replacing the first one of the same field (and dropping later ones). */
    public Builder set(PduHeader header) {
      Objects.requireNonNull(header, "header");
      int field = header.field();
      int at = -1;
      for (int i = 0; i < headers.size(); i++) {
        PduHeader h = headers.get(i);
        if (h.field() == field
            && (field != 0
                || ((PduHeader.Application) h)
                    .name()
                    .equalsIgnoreCase(((PduHeader.Application) header).name()))) {
          if (at < 0) {
            at = i;
            headers.set(i, header);
          } else {
            headers.remove(i--);
          }
        }
      }
      if (at < 0) {
        headers.add(header);
      }
      return this;
    }

    /** Removes every header of the field. */
    public Builder remove(int field) {
      headers.removeIf(h -> h.field() == field);
      return this;
    }

    /** Replaces all headers. */
    public Builder headers(Collection<? extends PduHeader> all) {
      headers.clear();
      all.forEach(this::add);
      return this;
    }

    public Builder transactionId(String id) {
      return set(new PduHeader.Text(PduField.TRANSACTION_ID, id));
    }

    public Builder messageId(String id) {
      return set(new PduHeader.Text(PduField.MESSAGE_ID, id));
    }

    public Builder contentLocation(String uri) {
      return set(new PduHeader.Text(PduField.CONTENT_LOCATION, uri));
    }

    /** From with an address as written, e.g. {@code +4912345/TYPE=PLMN}. */
    public Builder from(String address) {
      return set(new PduHeader.From(EncodedString.of(address)));
    }

    /** From with the Insert-address token. */
    public Builder fromInsertAddress() {
      return set(PduHeader.From.insertAddress());
    }

    public Builder addTo(String address) {
      return add(new PduHeader.Encoded(PduField.TO, EncodedString.of(address)));
    }

    public Builder addCc(String address) {
      return add(new PduHeader.Encoded(PduField.CC, EncodedString.of(address)));
    }

    public Builder addBcc(String address) {
      return add(new PduHeader.Encoded(PduField.BCC, EncodedString.of(address)));
    }

    /** Subject, labelled UTF-8 when not plain ASCII. */
    public Builder subject(String subject) {
      return subject(EncodedString.auto(subject));
    }

    public Builder subject(EncodedString subject) {
      return set(new PduHeader.Encoded(PduField.SUBJECT, subject));
    }

    public Builder date(Instant date) {
      return set(new PduHeader.Int(PduField.DATE, date.getEpochSecond()));
    }

    public Builder messageSize(long bytes) {
      return set(new PduHeader.Int(PduField.MESSAGE_SIZE, bytes));
    }

    public Builder expiry(TimeSpec expiry) {
      return set(new PduHeader.Time(PduField.EXPIRY, expiry));
    }

    public Builder deliveryTime(TimeSpec time) {
      return set(new PduHeader.Time(PduField.DELIVERY_TIME, time));
    }

    public Builder messageClass(MessageClass messageClass) {
      return set(new PduHeader.Token(PduField.MESSAGE_CLASS, 0x80 + messageClass.ordinal()));
    }

    public Builder priority(Priority priority) {
      return set(new PduHeader.Token(PduField.PRIORITY, 0x80 + priority.ordinal()));
    }

    public Builder deliveryReport(boolean yes) {
      return set(new PduHeader.Token(PduField.DELIVERY_REPORT, yes ? 0x80 : 0x81));
    }

    public Builder readReport(boolean yes) {
      return set(new PduHeader.Token(PduField.READ_REPORT, yes ? 0x80 : 0x81));
    }

    public Builder reportAllowed(boolean yes) {
      return set(new PduHeader.Token(PduField.REPORT_ALLOWED, yes ? 0x80 : 0x81));
    }

    /** X-Mms-Status octet, see {@link PduStatus}. */
    public Builder status(int octet) {
      return set(new PduHeader.Token(PduField.STATUS, octet));
    }

    /** X-Mms-Response-Status octet, see {@link PduStatus}. */
    public Builder responseStatus(int octet) {
      return set(new PduHeader.Token(PduField.RESPONSE_STATUS, octet));
    }

    public Builder responseText(String text) {
      return set(new PduHeader.Encoded(PduField.RESPONSE_TEXT, EncodedString.auto(text)));
    }

    public Builder retrieveStatus(int octet) {
      return set(new PduHeader.Token(PduField.RETRIEVE_STATUS, octet));
    }

    public Builder retrieveText(String text) {
      return set(new PduHeader.Encoded(PduField.RETRIEVE_TEXT, EncodedString.auto(text)));
    }

    /** X-Mms-Read-Status octet: 0x80 read, 0x81 deleted without being read. */
    public Builder readStatus(int octet) {
      return set(new PduHeader.Token(PduField.READ_STATUS, octet));
    }

    /** Appends an application header {@code name: value}. */
    public Builder addApplicationHeader(String name, String value) {
      return add(new PduHeader.Application(name, value));
    }

    /** The Content-Type (for PDUs that carry content). */
    public Builder contentType(ContentType contentType) {
      this.contentType = contentType;
      return this;
    }

    public Builder addPart(MmsPart part) {
      parts.add(Objects.requireNonNull(part, "part"));
      return this;
    }

    public Builder parts(Collection<MmsPart> all) {
      parts.clear();
      all.forEach(this::addPart);
      return this;
    }

    /**
     * @throws IllegalArgumentException when parts are given without content type, or a single-part
     *     content type does not have exactly one part
     */
    public MmsPdu build() {
      return new MmsPdu(this);
    }
  }
}
