package org.mmskit.mm1.internal;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Puts the segments of concatenated WAP Push SMS back together, in whatever order they come, and
 * gives up on a message whose segments do not all arrive within the expiry. Offering the same
 * segment again (the modem lists stored messages again and again) replaces it. Not thread-safe: one
 * receiving loop owns it.
 */
public final class PushAssembler {

  /** A stored SMS: where the modem keeps it, and what it says. */
  public record Stored(int index, SmsDeliver sms) {
    public Stored {
      Objects.requireNonNull(sms, "sms");
    }
  }

  /**
   * A whole push and the stored SMS it came in (to delete them once it was handled).
   *
   * @param originator who sent it
   * @param payload the WSP push octets
   * @param indices the storage indices of its segments
   */
  public record Assembled(String originator, byte[] payload, List<Integer> indices) {
    public Assembled {
      payload = payload.clone();
      indices = List.copyOf(indices);
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }
  }

  private record Key(String originator, int reference, int total, boolean sixteen) {}

  private static final class Partial {
    final Instant firstSeen;
    final TreeMap<Integer, Stored> segments = new TreeMap<>();

    Partial(Instant firstSeen) {
      this.firstSeen = firstSeen;
    }
  }

  private final Duration expiry;
  private final int maxPending;
  private final Map<Key, Partial> pending = new LinkedHashMap<>();

  /**
   * @param expiry how long the segments of one push may take to arrive
   * @param maxPending how many unfinished pushes are kept; beyond that the oldest is given up
   */
  public PushAssembler(Duration expiry, int maxPending) {
    this.expiry = Objects.requireNonNull(expiry, "expiry");
    if (maxPending < 1) {
      throw new IllegalArgumentException("maxPending must be positive");
    }
    this.maxPending = maxPending;
  }

  /**
   * Takes one segment (or a whole push in one SMS).
   *
   * @return the assembled push when this segment completed it
   */
  public Optional<Assembled> offer(Stored stored, Instant now) {
    SmsDeliver sms = stored.sms();
    if (sms.concat().isEmpty() || sms.concat().get().total() == 1) {
      return Optional.of(new Assembled(sms.originator(), sms.data(), List.of(stored.index())));
    }
    SmsDeliver.Concat c = sms.concat().get();
    Key key = new Key(sms.originator(), c.reference(), c.total(), c.sixteenBitReference());
    Partial p = pending.get(key);
    if (p == null) {
      p = new Partial(now);
      pending.put(key, p);
    }
    p.segments.put(c.sequence(), stored);
    if (p.segments.size() < c.total()) {
      return Optional.empty();
    }
    pending.remove(key);
    ByteArrayOutputStream out = new ByteArrayOutputStream(c.total() * SmsPdus.MAX_USER_DATA);
    List<Integer> indices = new ArrayList<>(c.total());
    for (Stored s : p.segments.values()) {
      out.writeBytes(s.sms().data());
      indices.add(s.index());
    }
    return Optional.of(new Assembled(sms.originator(), out.toByteArray(), indices));
  }

  /**
   * Removes and returns the unfinished pushes older than the expiry, and the oldest ones beyond
   * {@code maxPending}: their segments will never make a message.
   */
  public List<List<Stored>> expire(Instant now) {
    List<List<Stored>> out = new ArrayList<>();
    Iterator<Partial> it = pending.values().iterator();
    int over = pending.size() - maxPending;
    while (it.hasNext()) {
      Partial p = it.next();
      if (over > 0 || !p.firstSeen.plus(expiry).isAfter(now)) {
        out.add(List.copyOf(p.segments.values()));
        it.remove();
        over--;
      }
    }
    return out;
  }

  /** How many pushes wait for segments. */
  public int pending() {
    return pending.size();
  }

  /**
   * Forgets segments whose SMS is no longer stored as it was (deleted, or its index reused), so
   * that nothing is put together from, or deleted for, a message that is gone.
   */
  public void retain(Map<Integer, SmsDeliver> stored) {
    for (Iterator<Partial> it = pending.values().iterator(); it.hasNext(); ) {
      Partial p = it.next();
      p.segments.values().removeIf(s -> !s.sms().equals(stored.get(s.index())));
      if (p.segments.isEmpty()) {
        it.remove();
      }
    }
  }
}
