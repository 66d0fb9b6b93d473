package org.mmskit.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One part of a multimedia message: a content type, optional identifiers (Content-ID,
 * Content-Location), an optional file name and disposition, and a body.
 *
 * <p>The body comes from bytes, from a file, or from a stream supplier; the last two are opened
 * only when a transport writes the part, so a large attachment is not held in memory twice.
 * Immutable and thread-safe: a byte body is copied when the part is built and {@link #bytes()}
 * hands out a copy, so neither the caller's array nor the part can change the other. A stream
 * supplier must allow being called more than once if the part is sent more than once.
 *
 * <p>Two parts are equal when their headers are equal and their bodies hold the same bytes.
 */
public final class MmsPart {

  /** Supplies a fresh stream over a part body each time it is called. */
  @FunctionalInterface
  public interface BodySource {
    InputStream open() throws IOException;
  }

  private final ContentType contentType;
  private final String contentId;
  private final String contentLocation;
  private final String fileName;
  private final String disposition;
  private final List<Header> headers;
  private final byte[] bytes;
  private final BodySource source;
  private final long size;

  private MmsPart(Builder b) {
    this.contentType = Objects.requireNonNull(b.contentType, "contentType");
    this.contentId = b.contentId;
    this.contentLocation = b.contentLocation;
    this.fileName = b.fileName;
    this.disposition = b.disposition;
    this.headers = List.copyOf(b.headers);
    this.bytes = b.bytes;
    this.source = b.source;
    this.size = b.size;
    if (bytes == null && source == null) {
      throw new IllegalArgumentException("part has no body");
    }
  }

  /** A {@code text/plain; charset=utf-8} part. */
  public static MmsPart text(String text) {
    return text(text, StandardCharsets.UTF_8);
  }

  /** A {@code text/plain} part in the given charset. */
  public static MmsPart text(String text, Charset charset) {
    return builder()
        .contentType(ContentType.TEXT_PLAIN.withParameter("charset", charset.name().toLowerCase()))
        .body(text.getBytes(charset))
        .build();
  }

  /** A part of the given media type (e.g. {@code image/jpeg}) holding the given bytes. */
  public static MmsPart of(String mediaType, byte[] body) {
    return builder().contentType(ContentType.parse(mediaType)).body(body).build();
  }

  /** A part whose body is read from a file when the part is sent; its name is the file name. */
  public static MmsPart ofFile(String mediaType, Path file) {
    Path name = file.getFileName();
    Builder b = builder().contentType(ContentType.parse(mediaType)).body(file);
    if (name != null) {
      b.contentLocation(name.toString());
    }
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.contentType = contentType;
    b.contentId = contentId;
    b.contentLocation = contentLocation;
    b.fileName = fileName;
    b.disposition = disposition;
    b.headers.addAll(headers);
    b.bytes = bytes;
    b.source = source;
    b.size = size;
    return b;
  }

  /** The content type with its parameters. */
  public ContentType contentType() {
    return contentType;
  }

  /** The charset parameter of the content type, if any. */
  public Optional<String> charset() {
    return contentType.charset();
  }

  /** The Content-ID without angle brackets. */
  public Optional<String> contentId() {
    return Optional.ofNullable(contentId);
  }

  /** The Content-Location (usually a file name). */
  public Optional<String> contentLocation() {
    return Optional.ofNullable(contentLocation);
  }

  /** The file name of a Content-Disposition header. */
  public Optional<String> fileName() {
    return Optional.ofNullable(fileName);
  }

  /** The Content-Disposition type ({@code attachment}, {@code inline}), if one was given. */
  public Optional<String> disposition() {
    return Optional.ofNullable(disposition);
  }

  /** Part headers the model has no field for, in order. */
  public List<Header> headers() {
    return headers;
  }

  /**
   * A best name for the part: the file name, else the content type's {@code name} parameter, else
   * the Content-Location.
   */
  public Optional<String> name() {
    if (fileName != null) {
      return Optional.of(fileName);
    }
    Optional<String> n = contentType.parameter("name");
    return n.isPresent() ? n : Optional.ofNullable(contentLocation);
  }

  /** The body size when known without reading it (always known for byte bodies and files). */
  public OptionalLong size() {
    if (bytes != null) {
      return OptionalLong.of(bytes.length);
    }
    return size >= 0 ? OptionalLong.of(size) : OptionalLong.empty();
  }

  /** True when the body is held in memory. */
  public boolean inMemory() {
    return bytes != null;
  }

  /** Opens a stream over the body. The caller closes it. */
  public InputStream openStream() throws IOException {
    return bytes != null ? new ByteArrayInputStream(bytes) : source.open();
  }

  /** A copy of the body bytes; reads a lazy body fully. */
  public byte[] bytes() {
    if (bytes != null) {
      return bytes.clone();
    }
    try (InputStream in = source.open()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read part body", e);
    }
  }

  /** The body without a copy when it is held here: for reading only. */
  private byte[] bytesOrRead() {
    return bytes != null ? bytes : bytes();
  }

  /**
   * The body as text, decoded with the part's charset (UTF-8 when it has none or an unknown one).
   */
  public String text() {
    Charset cs = StandardCharsets.UTF_8;
    Optional<String> name = charset();
    if (name.isPresent()) {
      try {
        cs = Charset.forName(name.get());
      } catch (RuntimeException e) {
        // unknown charset name: fall back to UTF-8
      }
    }
    return new String(bytesOrRead(), cs);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof MmsPart)) {
      return false;
    }
    MmsPart p = (MmsPart) o;
    return contentType.equals(p.contentType)
        && Objects.equals(contentId, p.contentId)
        && Objects.equals(contentLocation, p.contentLocation)
        && Objects.equals(fileName, p.fileName)
        && Objects.equals(disposition, p.disposition)
        && headers.equals(p.headers)
        && Arrays.equals(bytesOrRead(), p.bytesOrRead());
  }

  @Override
  public int hashCode() {
    return Objects.hash(contentType, contentId, contentLocation, fileName);
  }

  @Override
  public String toString() {
    OptionalLong s = size();
    return "MmsPart{"
        + contentType
        + (contentId != null ? ", cid=" + contentId : "")
        + (contentLocation != null ? ", location=" + contentLocation : "")
        + (s.isPresent() ? ", " + s.getAsLong() + " bytes" : "")
        + "}";
  }

  /** Builds a {@link MmsPart}; a content type and a body are required. */
  public static final class Builder {
    private ContentType contentType;
    private String contentId;
    private String contentLocation;
    private String fileName;
    private String disposition;
    private final List<Header> headers = new ArrayList<>();
    private byte[] bytes;
    private BodySource source;
    private long size = -1;

    private Builder() {}

    public Builder contentType(ContentType contentType) {
      this.contentType = Objects.requireNonNull(contentType, "contentType");
      return this;
    }

    public Builder contentType(String contentType) {
      return contentType(ContentType.parse(contentType));
    }

    /** Sets the charset parameter of the content type (set the content type first). */
    public Builder charset(String charset) {
      Objects.requireNonNull(contentType, "set the content type before the charset");
      this.contentType = contentType.withParameter("charset", charset);
      return this;
    }

    /** The Content-ID; surrounding angle brackets are removed. */
    public Builder contentId(String contentId) {
      this.contentId = contentId == null ? null : stripBrackets(contentId);
      return this;
    }

    public Builder contentLocation(String contentLocation) {
      this.contentLocation = contentLocation;
      return this;
    }

    public Builder fileName(String fileName) {
      this.fileName = fileName;
      return this;
    }

    public Builder disposition(String disposition) {
      this.disposition = disposition;
      return this;
    }

    public Builder addHeader(String name, String value) {
      headers.add(new Header(name, value));
      return this;
    }

    public Builder headers(List<Header> headers) {
      this.headers.clear();
      this.headers.addAll(headers);
      return this;
    }

    /** An in-memory body: a copy of the array, so later changes to it do not reach the part. */
    public Builder body(byte[] body) {
      this.bytes = Objects.requireNonNull(body, "body").clone();
      this.source = null;
      this.size = body.length;
      return this;
    }

    /** A body read from the file each time the part is sent. */
    public Builder body(Path file) {
      Objects.requireNonNull(file, "file");
      long length;
      try {
        length = Files.size(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      this.bytes = null;
      this.source = () -> Files.newInputStream(file);
      this.size = length;
      return this;
    }

    /** A body read from the supplier each time the part is sent; size -1 when unknown. */
    public Builder body(BodySource source, long size) {
      this.bytes = null;
      this.source = Objects.requireNonNull(source, "source");
      this.size = size;
      return this;
    }

    public MmsPart build() {
      return new MmsPart(this);
    }
  }

  static String stripBrackets(String id) {
    String s = id.trim();
    if (s.length() >= 2 && s.charAt(0) == '<' && s.charAt(s.length() - 1) == '>') {
      s = s.substring(1, s.length() - 1);
    }
    return s;
  }
}
