package org.mmskit.mm7.internal;

import java.util.Arrays;

/**
 * The base64 text of part bodies a client sends again and again, as a campaign does when it submits
 * one content to many recipients one by one: the text is kept after the second time the same body
 * array is encoded, and later bodies with equal bytes (compared in full each time, so a changed
 * array is never sent stale) are copied from it instead of encoded again.
 *
 * <p>A few bodies are kept, each a copy of the body and its text, and each between {@link
 * #MIN_BODY} and {@link #MAX_BODY} bytes: at most about {@value #MAX_KEPT} bodies of {@value
 * #MAX_BODY} bytes and their text, for one client. Bodies seen once cost a look-up and an identity
 * hash; nothing of them is kept, not even a reference. An array rewritten between submits is not
 * kept, or kept once, not again after each change. Thread-safe: the kept bodies are read without
 * locking, and replaced as a whole under a lock.
 *
 * <p>When the last part of a body is kept, the writer need not copy its text at all ({@link
 * #textAndTail}): the text and the end of the body after it go as one array, made once per kept
 * body and shared by every request that ends with it. Such bodies use the two boundaries this
 * object draws at random when it is made, so that their end is the same bytes each time; the writer
 * falls back to new boundaries for a message that holds one of them at the start of a line. A kept
 * body then holds its copy and its text twice: about 3.7 times the body.
 */
public final class EncodedParts {
  /** Smaller bodies are encoded each time: the look-up would cost about as much. */
  static final int MIN_BODY = 1024;

  /** Larger bodies are encoded each time, so that this holds a bounded amount of memory. */
  static final int MAX_BODY = 128 * 1024;

  /** How many bodies are kept; the one kept longest goes first. */
  static final int MAX_KEPT = 4;

  /** How many recently encoded arrays are remembered (by identity hash) as candidates. */
  private static final int SEEN = 8;

  /**
   * A copy of a body, its text as {@link Base64Lines#encodeInto} writes it (not continued), and the
   * identity hash of the array it was copied from; and, once asked for, the text followed by {@link
   * #tail()}.
   */
  static final class Kept {
    final byte[] body;
    final byte[] text;
    final int origin;
    private volatile byte[] textAndTail;

    Kept(byte[] body, byte[] text, int origin) {
      this.body = body;
      this.text = text;
      this.origin = origin;
    }
  }

  /**
   * The MIME boundaries of bodies whose last part is kept text (see {@link #tail()}), the same in
   * each such body this client sends: {@code mmskit-} and 32 random hexadecimal digits.
   */
  private final byte[] outerBoundary = boundary();

  private final byte[] innerBoundary = boundary();

  /** What follows the last part of a body with these boundaries. */
  private final byte[] tail = tail(outerBoundary, innerBoundary);

  private static byte[] boundary() {
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    String hex = String.format(java.util.Locale.ROOT, "%016x%016x", r.nextLong(), r.nextLong());
    return ("mmskit-" + hex).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static byte[] tail(byte[] outer, byte[] inner) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(128);
    out.writeBytes(new byte[] {'\r', '\n', '-', '-'});
    out.writeBytes(inner);
    out.writeBytes(new byte[] {'-', '-', '\r', '\n', '\r', '\n', '-', '-'});
    out.writeBytes(outer);
    out.writeBytes(new byte[] {'-', '-', '\r', '\n'});
    return out.toByteArray();
  }

  /** The outer boundary of bodies whose last part is kept text. */
  byte[] outerBoundary() {
    return outerBoundary;
  }

  /** The inner boundary of bodies whose last part is kept text. */
  byte[] innerBoundary() {
    return innerBoundary;
  }

  /**
   * The bytes after the last part body of a body with {@link #outerBoundary()} and {@link
   * #innerBoundary()}: the line end, the inner closing delimiter, and the outer one.
   */
  byte[] tail() {
    return tail;
  }

  private volatile Kept[] kept = new Kept[0];

  /**
   * Identity hashes of arrays encoded lately, indexed by the hash's low bits, and a {@link #sample}
   * of their bytes at the time. Racy on purpose: a lost or stale hint only means a body is kept one
   * encoding later, or kept needlessly.
   */
  private final int[] seen = new int[SEEN];

  private final long[] seenSample = new long[SEEN];

  /**
   * Writes {@code body} as MIME base64 lines into {@code dst} at {@code at}, which has room for
   * {@link Mm7Payload#base64Length} of it; returns the offset after the text, as {@link
   * Base64Lines#encodeInto} does.
   */
  public int encodeInto(byte[] body, byte[] dst, int at) {
    int n = body.length;
    if (n < MIN_BODY || n > MAX_BODY) {
      return Base64Lines.encodeInto(body, 0, n, false, dst, at);
    }
    Kept[] k = kept;
    Kept e = find(k, body);
    if (e != null) {
      System.arraycopy(e.text, 0, dst, at, e.text.length);
      return at + e.text.length;
    }
    int end = Base64Lines.encodeInto(body, 0, n, false, dst, at);
    int hash = System.identityHashCode(body);
    int slot = hash & (SEEN - 1);
    long sample = sample(body);
    if (seen[slot] == hash && seenSample[slot] == sample) {
      if (!keptFrom(k, hash)) {
        keep(body.clone(), Arrays.copyOfRange(dst, at, end), hash);
      }
      // else the array was kept before and has changed since: one that is rewritten between
      // submits is not copied again each time
    } else {
      seen[slot] = hash;
      seenSample[slot] = sample;
    }
    return end;
  }

  /** The kept entry whose body equals {@code body}, compared in full, or null. */
  private static Kept find(Kept[] k, byte[] body) {
    int n = body.length;
    for (Kept e : k) {
      if (e.body.length == n && Arrays.equals(e.body, body)) {
        return e;
      }
    }
    return null;
  }

  /**
   * The base64 text of {@code body} followed by {@link #tail()}, when the text is kept, as one
   * array shared by every body that ends with it (so that it is sent without a copy); else null.
   * The bytes of {@code body} are compared in full with the kept ones, as by {@link #encodeInto}.
   */
  byte[] textAndTail(byte[] body) {
    int n = body.length;
    if (n < MIN_BODY || n > MAX_BODY) {
      return null;
    }
    Kept e = find(kept, body);
    if (e == null) {
      return null;
    }
    byte[] t = e.textAndTail;
    if (t == null) {
      t = Arrays.copyOf(e.text, e.text.length + tail.length);
      System.arraycopy(tail, 0, t, e.text.length, tail.length);
      e.textAndTail = t;
    }
    return t;
  }

  /**
   * A digest of 17 bytes spread over {@code body}, its first and last among them: an array whose
   * bytes change between two encodings (a buffer the caller rewrites) usually shows it here, and is
   * then not kept. Only a hint: kept text is used only for bytes that are equal in full.
   */
  static long sample(byte[] body) {
    int n = body.length;
    long h = n;
    for (int i = 0; i < 16; i++) {
      h = h * 31 + body[(int) ((long) n * i / 16)];
    }
    return h * 31 + body[n - 1];
  }

  private static boolean keptFrom(Kept[] k, int origin) {
    for (Kept e : k) {
      if (e.origin == origin) {
        return true;
      }
    }
    return false;
  }

  private synchronized void keep(byte[] body, byte[] text, int origin) {
    Kept[] k = kept;
    for (Kept e : k) {
      if (Arrays.equals(e.body, body)) {
        return;
      }
    }
    int from = k.length < MAX_KEPT ? 0 : 1;
    Kept[] next = Arrays.copyOfRange(k, from, k.length + 1);
    next[next.length - 1] = new Kept(body, text, origin);
    kept = next;
  }

  /** How many bodies are kept now (for tests). */
  int size() {
    return kept.length;
  }
}
