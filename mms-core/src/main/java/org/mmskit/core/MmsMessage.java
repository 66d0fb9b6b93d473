package org.mmskit.core;

import java.nio.charset.Charset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mmskit.core.internal.SmilGenerator;

/**
 * A multimedia message, the one model every transport sends and receives. Immutable and
 * thread-safe; change a copy with {@link #toBuilder()}.
 *
 * <p>Fields a transport cannot carry are ignored by it (for example {@link #chargedParty()} exists
 * only in MM7). Headers the model has no field for are kept in {@link #extraHeaders()} so that a
 * message received and sent on is not stripped.
 */
public final class MmsMessage {
  private final Address from;
  private final List<Address> to;
  private final List<Address> cc;
  private final List<Address> bcc;
  private final String subject;
  private final Charset subjectCharset;
  private final List<MmsPart> parts;
  private final MmsPart presentation;
  private final MessageClass messageClass;
  private final Priority priority;
  private final TimeSpec expiry;
  private final TimeSpec earliestDelivery;
  private final boolean deliveryReport;
  private final boolean readReport;
  private final SenderVisibility senderVisibility;
  private final ReplyCharging replyCharging;
  private final ContentClass contentClass;
  private final Boolean adaptationsAllowed;
  private final Boolean drmContent;
  private final String applicId;
  private final String replyApplicId;
  private final String auxApplicInfo;
  private final String serviceCode;
  private final String linkedId;
  private final String transactionId;
  private final ChargedParty chargedParty;
  private final String chargedPartyId;
  private final Boolean distributionIndicator;
  private final String messageId;
  private final Instant date;
  private final List<Header> extraHeaders;

  private MmsMessage(Builder b) {
    this.from = b.from;
    this.to = List.copyOf(b.to);
    this.cc = List.copyOf(b.cc);
    this.bcc = List.copyOf(b.bcc);
    this.subject = b.subject;
    this.subjectCharset = b.subjectCharset;
    this.messageClass = b.messageClass;
    this.priority = b.priority;
    this.expiry = b.expiry;
    this.earliestDelivery = b.earliestDelivery;
    this.deliveryReport = b.deliveryReport;
    this.readReport = b.readReport;
    this.senderVisibility = b.senderVisibility;
    this.replyCharging = b.replyCharging;
    this.contentClass = b.contentClass;
    this.adaptationsAllowed = b.adaptationsAllowed;
    this.drmContent = b.drmContent;
    this.applicId = b.applicId;
    this.replyApplicId = b.replyApplicId;
    this.auxApplicInfo = b.auxApplicInfo;
    this.serviceCode = b.serviceCode;
    this.linkedId = b.linkedId;
    this.transactionId = b.transactionId;
    this.chargedParty = b.chargedParty;
    this.chargedPartyId = b.chargedPartyId;
    this.distributionIndicator = b.distributionIndicator;
    this.messageId = b.messageId;
    this.date = b.date;
    this.extraHeaders = List.copyOf(b.extraHeaders);
    if (b.generateSmil && b.presentation == null && !b.parts.isEmpty()) {
      SmilGenerator.Result smil = SmilGenerator.generate(b.parts);
      this.parts = List.copyOf(smil.parts());
      this.presentation = smil.smil();
    } else {
      this.parts = List.copyOf(b.parts);
      this.presentation = b.presentation;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding all of this message's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.from = from;
    b.to.addAll(to);
    b.cc.addAll(cc);
    b.bcc.addAll(bcc);
    b.subject = subject;
    b.subjectCharset = subjectCharset;
    b.parts.addAll(parts);
    b.presentation = presentation;
    b.messageClass = messageClass;
    b.priority = priority;
    b.expiry = expiry;
    b.earliestDelivery = earliestDelivery;
    b.deliveryReport = deliveryReport;
    b.readReport = readReport;
    b.senderVisibility = senderVisibility;
    b.replyCharging = replyCharging;
    b.contentClass = contentClass;
    b.adaptationsAllowed = adaptationsAllowed;
    b.drmContent = drmContent;
    b.applicId = applicId;
    b.replyApplicId = replyApplicId;
    b.auxApplicInfo = auxApplicInfo;
    b.serviceCode = serviceCode;
    b.linkedId = linkedId;
    b.transactionId = transactionId;
    b.chargedParty = chargedParty;
    b.chargedPartyId = chargedPartyId;
    b.distributionIndicator = distributionIndicator;
    b.messageId = messageId;
    b.date = date;
    b.extraHeaders.addAll(extraHeaders);
    return b;
  }

  /**
   * Checks that the message can be submitted: at least one recipient that is not display-only, and
   * at least one part.
   *
   * @throws IllegalArgumentException naming what is missing
   */
  public MmsMessage requireSendable() {
    boolean recipient =
        to.stream().anyMatch(a -> !a.displayOnly())
            || cc.stream().anyMatch(a -> !a.displayOnly())
            || bcc.stream().anyMatch(a -> !a.displayOnly());
    if (!recipient) {
      throw new IllegalArgumentException("message has no recipient (to, cc or bcc)");
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("message has no part");
    }
    return this;
  }

  /** The sender; empty when the MMSC is to insert it. */
  public Optional<Address> from() {
    return Optional.ofNullable(from);
  }

  public List<Address> to() {
    return to;
  }

  public List<Address> cc() {
    return cc;
  }

  public List<Address> bcc() {
    return bcc;
  }

  /** All recipients: to, then cc, then bcc. */
  public List<Address> recipients() {
    List<Address> all = new ArrayList<>(to.size() + cc.size() + bcc.size());
    all.addAll(to);
    all.addAll(cc);
    all.addAll(bcc);
    return all;
  }

  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  /** The charset the subject is to be (or was) encoded in; empty means the transport's default. */
  public Optional<Charset> subjectCharset() {
    return Optional.ofNullable(subjectCharset);
  }

  /** The content parts, without the presentation part. */
  public List<MmsPart> parts() {
    return parts;
  }

  /** The presentation part (SMIL), sent first in a {@code multipart/related} body. */
  public Optional<MmsPart> presentation() {
    return Optional.ofNullable(presentation);
  }

  /** All parts as sent: the presentation (if any) first, then the content parts. */
  public List<MmsPart> allParts() {
    if (presentation == null) {
      return parts;
    }
    List<MmsPart> all = new ArrayList<>(parts.size() + 1);
    all.add(presentation);
    all.addAll(parts);
    return all;
  }

  public Optional<MessageClass> messageClass() {
    return Optional.ofNullable(messageClass);
  }

  public Optional<Priority> priority() {
    return Optional.ofNullable(priority);
  }

  public Optional<TimeSpec> expiry() {
    return Optional.ofNullable(expiry);
  }

  public Optional<TimeSpec> earliestDelivery() {
    return Optional.ofNullable(earliestDelivery);
  }

  public boolean deliveryReport() {
    return deliveryReport;
  }

  public boolean readReport() {
    return readReport;
  }

  public Optional<SenderVisibility> senderVisibility() {
    return Optional.ofNullable(senderVisibility);
  }

  public Optional<ReplyCharging> replyCharging() {
    return Optional.ofNullable(replyCharging);
  }

  public Optional<ContentClass> contentClass() {
    return Optional.ofNullable(contentClass);
  }

  /** Whether the MMSC may adapt (transcode) the content; empty leaves it to the MMSC. */
  public Optional<Boolean> adaptationsAllowed() {
    return Optional.ofNullable(adaptationsAllowed);
  }

  public Optional<Boolean> drmContent() {
    return Optional.ofNullable(drmContent);
  }

  public Optional<String> applicId() {
    return Optional.ofNullable(applicId);
  }

  public Optional<String> replyApplicId() {
    return Optional.ofNullable(replyApplicId);
  }

  public Optional<String> auxApplicInfo() {
    return Optional.ofNullable(auxApplicInfo);
  }

  /** MM7 service code for charging; overrides the connection's default. */
  public Optional<String> serviceCode() {
    return Optional.ofNullable(serviceCode);
  }

  /** MM7 linked ID: the message ID of a DeliverReq this message answers. */
  public Optional<String> linkedId() {
    return Optional.ofNullable(linkedId);
  }

  /**
   * The transaction ID to submit this message under, when the caller chooses it; see {@link
   * Builder#transactionId(String)}.
   */
  public Optional<String> transactionId() {
    return Optional.ofNullable(transactionId);
  }

  /** MM7 charged party. */
  public Optional<ChargedParty> chargedParty() {
    return Optional.ofNullable(chargedParty);
  }

  /** MM7 charged party ID, for {@link ChargedParty#THIRD_PARTY}. */
  public Optional<String> chargedPartyId() {
    return Optional.ofNullable(chargedPartyId);
  }

  /** Whether recipients may forward the message (MM7 / PDU distribution indicator). */
  public Optional<Boolean> distributionIndicator() {
    return Optional.ofNullable(distributionIndicator);
  }

  /** The message ID the MMSC gave, for received messages. */
  public Optional<String> messageId() {
    return Optional.ofNullable(messageId);
  }

  /** The date the message was sent (PDU {@code Date}, MM7 {@code TimeStamp}). */
  public Optional<Instant> date() {
    return Optional.ofNullable(date);
  }

  /** Headers the model has no field for, in the order received. */
  public List<Header> extraHeaders() {
    return extraHeaders;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof MmsMessage)) {
      return false;
    }
    MmsMessage m = (MmsMessage) o;
    return deliveryReport == m.deliveryReport
        && readReport == m.readReport
        && Objects.equals(from, m.from)
        && to.equals(m.to)
        && cc.equals(m.cc)
        && bcc.equals(m.bcc)
        && Objects.equals(subject, m.subject)
        && Objects.equals(subjectCharset, m.subjectCharset)
        && parts.equals(m.parts)
        && Objects.equals(presentation, m.presentation)
        && messageClass == m.messageClass
        && priority == m.priority
        && Objects.equals(expiry, m.expiry)
        && Objects.equals(earliestDelivery, m.earliestDelivery)
        && senderVisibility == m.senderVisibility
        && Objects.equals(replyCharging, m.replyCharging)
        && contentClass == m.contentClass
        && Objects.equals(adaptationsAllowed, m.adaptationsAllowed)
        && Objects.equals(drmContent, m.drmContent)
        && Objects.equals(applicId, m.applicId)
        && Objects.equals(replyApplicId, m.replyApplicId)
        && Objects.equals(auxApplicInfo, m.auxApplicInfo)
        && Objects.equals(serviceCode, m.serviceCode)
        && Objects.equals(linkedId, m.linkedId)
        && Objects.equals(transactionId, m.transactionId)
        && chargedParty == m.chargedParty
        && Objects.equals(chargedPartyId, m.chargedPartyId)
        && Objects.equals(distributionIndicator, m.distributionIndicator)
        && Objects.equals(messageId, m.messageId)
        && Objects.equals(date, m.date)
        && extraHeaders.equals(m.extraHeaders);
  }

  @Override
  public int hashCode() {
    return Objects.hash(from, to, cc, bcc, subject, parts, messageId);
  }

  @Override
  public String toString() {
    return "MmsMessage{from="
        + from
        + ", to="
        + to
        + (cc.isEmpty() ? "" : ", cc=" + cc)
        + (bcc.isEmpty() ? "" : ", bcc=" + bcc)
        + (subject != null ? ", subject=" + subject : "")
        + ", parts="
        + allParts()
        + "}";
  }

  /** Builds a {@link MmsMessage}. Not thread-safe. */
  public static final class Builder {
    private Address from;
    private final List<Address> to = new ArrayList<>();
    private final List<Address> cc = new ArrayList<>();
    private final List<Address> bcc = new ArrayList<>();
    private String subject;
    private Charset subjectCharset;
    private final List<MmsPart> parts = new ArrayList<>();
    private MmsPart presentation;
    private boolean generateSmil;
    private MessageClass messageClass;
    private Priority priority;
    private TimeSpec expiry;
    private TimeSpec earliestDelivery;
    private boolean deliveryReport;
    private boolean readReport;
    private SenderVisibility senderVisibility;
    private ReplyCharging replyCharging;
    private ContentClass contentClass;
    private Boolean adaptationsAllowed;
    private Boolean drmContent;
    private String applicId;
    private String replyApplicId;
    private String auxApplicInfo;
    private String serviceCode;
    private String linkedId;
    private String transactionId;
    private ChargedParty chargedParty;
    private String chargedPartyId;
    private Boolean distributionIndicator;
    private String messageId;
    private Instant date;
    private final List<Header> extraHeaders = new ArrayList<>();

    private Builder() {}

    public Builder from(Address from) {
      this.from = from;
      return this;
    }

    /** Sets the sender from text ({@link Address#parse}). */
    public Builder from(String from) {
      return from(Address.parse(from));
    }

    public Builder to(Address... addresses) {
      for (Address a : addresses) {
        to.add(Objects.requireNonNull(a, "address"));
      }
      return this;
    }

    /** Adds recipients from text ({@link Address#parse}). */
    public Builder to(String... addresses) {
      for (String a : addresses) {
        to.add(Address.parse(a));
      }
      return this;
    }

    public Builder to(Collection<Address> addresses) {
      addresses.forEach(a -> to.add(Objects.requireNonNull(a, "address")));
      return this;
    }

    public Builder cc(Address... addresses) {
      for (Address a : addresses) {
        cc.add(Objects.requireNonNull(a, "address"));
      }
      return this;
    }

    public Builder cc(Collection<Address> addresses) {
      addresses.forEach(a -> cc.add(Objects.requireNonNull(a, "address")));
      return this;
    }

    public Builder bcc(Address... addresses) {
      for (Address a : addresses) {
        bcc.add(Objects.requireNonNull(a, "address"));
      }
      return this;
    }

    public Builder bcc(Collection<Address> addresses) {
      addresses.forEach(a -> bcc.add(Objects.requireNonNull(a, "address")));
      return this;
    }

    /** Removes all to, cc and bcc recipients. */
    public Builder clearRecipients() {
      to.clear();
      cc.clear();
      bcc.clear();
      return this;
    }

    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    public Builder subject(String subject, Charset charset) {
      this.subject = subject;
      this.subjectCharset = charset;
      return this;
    }

    public Builder addPart(MmsPart part) {
      parts.add(Objects.requireNonNull(part, "part"));
      return this;
    }

    public Builder parts(Collection<MmsPart> parts) {
      this.parts.clear();
      parts.forEach(this::addPart);
      return this;
    }

    /** The presentation part (normally {@code application/smil}). */
    public Builder presentation(MmsPart presentation) {
      this.presentation = presentation;
      return this;
    }

    /**
     * When no presentation is given, generate a SMIL presentation showing the parts in order, one
     * slide each, giving parts without a Content-ID one.
     */
    public Builder generateSmil(boolean generate) {
      this.generateSmil = generate;
      return this;
    }

    public Builder messageClass(MessageClass messageClass) {
      this.messageClass = messageClass;
      return this;
    }

    public Builder priority(Priority priority) {
      this.priority = priority;
      return this;
    }

    public Builder expiry(TimeSpec expiry) {
      this.expiry = expiry;
      return this;
    }

    public Builder earliestDelivery(TimeSpec earliestDelivery) {
      this.earliestDelivery = earliestDelivery;
      return this;
    }

    public Builder deliveryReport(boolean deliveryReport) {
      this.deliveryReport = deliveryReport;
      return this;
    }

    public Builder readReport(boolean readReport) {
      this.readReport = readReport;
      return this;
    }

    public Builder senderVisibility(SenderVisibility senderVisibility) {
      this.senderVisibility = senderVisibility;
      return this;
    }

    public Builder replyCharging(ReplyCharging replyCharging) {
      this.replyCharging = replyCharging;
      return this;
    }

    public Builder contentClass(ContentClass contentClass) {
      this.contentClass = contentClass;
      return this;
    }

    public Builder adaptationsAllowed(Boolean adaptationsAllowed) {
      this.adaptationsAllowed = adaptationsAllowed;
      return this;
    }

    public Builder drmContent(Boolean drmContent) {
      this.drmContent = drmContent;
      return this;
    }

    public Builder applicId(String applicId) {
      this.applicId = applicId;
      return this;
    }

    public Builder replyApplicId(String replyApplicId) {
      this.replyApplicId = replyApplicId;
      return this;
    }

    public Builder auxApplicInfo(String auxApplicInfo) {
      this.auxApplicInfo = auxApplicInfo;
      return this;
    }

    public Builder serviceCode(String serviceCode) {
      this.serviceCode = serviceCode;
      return this;
    }

    public Builder linkedId(String linkedId) {
      this.linkedId = linkedId;
      return this;
    }

    /**
     * The transaction ID the client submits this message under: MM7's {@code TransactionID} header,
     * the {@code X-Mms-Transaction-ID} of the m-send-req PDU over EAIF and MM1, and of the mail
     * over MM4. Without it each submit gets a new one. Giving the same ID when sending the same
     * message again after an unknown outcome (a dropped connection, a timeout) lets an MMSC that
     * keeps recent IDs spot the duplicate; {@code null} clears it.
     *
     * @throws IllegalArgumentException if it is empty or holds a control character or a space
     */
    public Builder transactionId(String transactionId) {
      if (transactionId != null
          && (transactionId.isEmpty()
              || transactionId.chars().anyMatch(ch -> ch <= ' ' || ch == 0x7f))) {
        throw new IllegalArgumentException(
            "transaction ID must be non-empty, without spaces or control characters: "
                + transactionId);
      }
      this.transactionId = transactionId;
      return this;
    }

    public Builder chargedParty(ChargedParty chargedParty) {
      this.chargedParty = chargedParty;
      return this;
    }

    public Builder chargedPartyId(String chargedPartyId) {
      this.chargedPartyId = chargedPartyId;
      return this;
    }

    public Builder distributionIndicator(Boolean distributionIndicator) {
      this.distributionIndicator = distributionIndicator;
      return this;
    }

    public Builder messageId(String messageId) {
      this.messageId = messageId;
      return this;
    }

    public Builder date(Instant date) {
      this.date = date;
      return this;
    }

    public Builder addExtraHeader(String name, String value) {
      extraHeaders.add(new Header(name, value));
      return this;
    }

    public Builder extraHeaders(Collection<Header> headers) {
      extraHeaders.clear();
      extraHeaders.addAll(headers);
      return this;
    }

    public MmsMessage build() {
      return new MmsMessage(this);
    }
  }
}
