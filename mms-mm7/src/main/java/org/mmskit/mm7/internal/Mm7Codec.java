package org.mmskit.mm7.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.mmskit.core.MmsMalformedException;

/**
 * The MM7 codec: SOAP envelope plus MIME packaging, both directions, knowing nothing of HTTP.
 * Stateless and thread-safe; all methods are static.
 *
 * <p>Writing is strict (see {@link Mm7Writer}): the chosen {@link org.mmskit.mm7.Mm7Version}'s
 * namespace and element order, Release 6 elements dropped for Release 5 profiles. A body with
 * content becomes {@code multipart/related; type="text/xml"; start="<...>"} with the SOAP part
 * first and the message parts in a nested {@code multipart/related} (when the message has a SMIL
 * presentation) or {@code multipart/mixed}; a body without content is plain {@code text/xml}.
 *
 * <p>Reading is lenient (see {@link Mm7Reader}) and bounded by {@link Mm7Limits}; anything that
 * cannot be read raises {@link MmsMalformedException} with the reason.
 *
 * <pre>{@code
 * Mm7Payload p = Mm7Codec.encode(envelope, Mm7WriteOptions.standard());
 * response.setHeader("Content-Type", p.contentType());
 * p.writeTo(response.getOutputStream());
 *
 * Mm7Envelope in = Mm7Codec.read(request.getContentType(), request.getInputStream(), Mm7Limits.defaults());
 * }</pre>
 */
public final class Mm7Codec {
  private Mm7Codec() {}

  /**
   * Prepares an envelope for streaming: the content type and length are known at once, the bytes
   * are produced by {@link Mm7Payload#writeTo(OutputStream)}.
   *
   * @throws IllegalArgumentException if the body lacks a field its schema requires (e.g. a
   *     DeliverReq without sender) or the dialect cannot express it
   */
  public static Mm7Payload encode(Mm7Envelope envelope, Mm7WriteOptions options) {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(options, "options");
    return Mm7Writer.encode(envelope, options);
  }

  /**
   * Writes an envelope to {@code out} (not closed) and returns its content type.
   *
   * @throws UncheckedIOException if {@code out} fails
   */
  public static String write(Mm7Envelope envelope, Mm7WriteOptions options, OutputStream out) {
    Mm7Payload p = encode(envelope, options);
    try {
      p.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.contentType();
  }

  /** {@link #write(Mm7Envelope, Mm7WriteOptions, OutputStream)} with standard options. */
  public static String write(Mm7Envelope envelope, OutputStream out) {
    return write(envelope, Mm7WriteOptions.standard(), out);
  }

  /** The SOAP envelope XML alone (no MIME), with {@code cid:} reference to content if any. */
  public static String soapXml(Mm7Envelope envelope, Mm7WriteOptions options) {
    return encode(envelope, options).soapXml();
  }

  /**
   * The TransactionID of an MM7 body that may be unreadable otherwise, so that a fault answering it
   * can echo the ID; empty when even that cannot be read.
   */
  public static Optional<String> transactionId(String contentType, byte[] body, int length) {
    Objects.checkFromIndexSize(0, length, body.length);
    return Mm7Reader.transactionId(body, length, contentType);
  }

  /**
   * Reads an MM7 body. At most {@code limits.maxBodyBytes()} are read from {@code body}; more is
   * refused without reading further.
   *
   * @param contentType the HTTP Content-Type header (null or blank is taken as {@code text/xml})
   * @throws MmsMalformedException when the body cannot be read as MM7, or a limit is exceeded
   * @throws UncheckedIOException when reading {@code body} fails
   */
  public static Mm7Envelope read(String contentType, InputStream body, Mm7Limits limits) {
    return read(contentType, readBounded(body, limits.maxBodyBytes()), limits);
  }

  /** Reads an MM7 body held in memory. */
  public static Mm7Envelope read(String contentType, byte[] body, Mm7Limits limits) {
    return read(contentType, body, body.length, limits);
  }

  /**
   * Reads the MM7 body {@code body[0, length)}. The envelope holds copies of what it needs, never
   * the array, so the caller may reuse the array once this returns.
   */
  public static Mm7Envelope read(String contentType, byte[] body, int length, Mm7Limits limits) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(limits, "limits");
    Objects.checkFromIndexSize(0, length, body.length);
    if (length > limits.maxBodyBytes()) {
      throw new MmsMalformedException(
          "MM7 body larger than " + limits.maxBodyBytes() + " bytes",
          limits.maxBodyBytes(),
          "body",
          null);
    }
    try {
      return Mm7Reader.read(contentType, body, length, limits);
    } catch (MmsMalformedException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new MmsMalformedException("unreadable MM7 message: " + e.getMessage(), e);
    }
  }

  /** Reads a stream fully, refusing more than {@code max} bytes, into one growing array. */
  static byte[] readBounded(InputStream in, long max) {
    long cap = max >= Integer.MAX_VALUE - 8 ? Integer.MAX_VALUE - 8 : max + 1;
    byte[] buf = new byte[(int) Math.min(8192, cap)];
    int total = 0;
    try {
      while (true) {
        if (total == buf.length) {
          if (total > max) {
            throw new MmsMalformedException(
                "MM7 body larger than " + max + " bytes", max, "body", null);
          }
          long grown = Math.min((long) buf.length * 2, cap);
          if (grown <= buf.length) {
            throw new MmsMalformedException(
                "MM7 body larger than " + buf.length + " bytes", max, "body", null);
          }
          buf = Arrays.copyOf(buf, (int) grown);
        }
        int r = in.read(buf, total, buf.length - total);
        if (r < 0) {
          break;
        }
        total += r;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read MM7 body", e);
    }
    if (total > max) {
      throw new MmsMalformedException("MM7 body larger than " + max + " bytes", max, "body", null);
    }
    return total == buf.length ? buf : Arrays.copyOf(buf, total);
  }
}
