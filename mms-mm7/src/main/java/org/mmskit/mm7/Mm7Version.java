package org.mmskit.mm7;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An MM7 schema profile: the XML namespace a peer expects (e.g. {@code REL-6-MM7-1-4}) and the
 * {@code MM7Version} value written in each message (e.g. {@code 6.8.0}). Immutable and thread-safe.
 *
 * <p>The namespace and the version value do not track each other one to one; operators pin both.
 * Each constant carries a commonly seen default value, which {@link #withMm7Version(String)}
 * replaces. Defaults: {@code 5.3.0} for every Release 5 schema (the value the 3GPP annex example
 * and most Release 5 peers use), {@code 6.3.0} for REL-6-MM7-1-0 (China Mobile), {@code 6.4.0},
 * {@code 6.5.0}, {@code 6.6.0} for REL-6-MM7-1-1 to 1-3 (approximate: no table maps them), and
 * {@code 6.8.0} for REL-6-MM7-1-4.
 *
 * <p>Release 5 schemas lack the Release 6 elements. When writing for a Release 5 profile the codec
 * drops them: {@code ChargedPartyID}, {@code ApplicID}, {@code ReplyApplicID}, {@code
 * AuxApplicInfo}, {@code ContentClass}, {@code DRMContent}, {@code VASPID}/{@code VASID} in
 * DeliverReq, {@code UACapabilities}, {@code MMStatusExtension} and {@code ReadReply} in
 * ReplaceReq.
 */
public final class Mm7Version {

  /** The common start of every 3GPP MM7 namespace URI. */
  public static final String NAMESPACE_BASE =
      "http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/";

  public static final Mm7Version REL_5_MM7_1_0 = new Mm7Version("REL-5-MM7-1-0", 5, "5.3.0");
  public static final Mm7Version REL_5_MM7_1_1 = new Mm7Version("REL-5-MM7-1-1", 5, "5.3.0");
  public static final Mm7Version REL_5_MM7_1_2 = new Mm7Version("REL-5-MM7-1-2", 5, "5.3.0");
  public static final Mm7Version REL_5_MM7_1_3 = new Mm7Version("REL-5-MM7-1-3", 5, "5.3.0");
  public static final Mm7Version REL_6_MM7_1_0 = new Mm7Version("REL-6-MM7-1-0", 6, "6.3.0");
  public static final Mm7Version REL_6_MM7_1_1 = new Mm7Version("REL-6-MM7-1-1", 6, "6.4.0");
  public static final Mm7Version REL_6_MM7_1_2 = new Mm7Version("REL-6-MM7-1-2", 6, "6.5.0");
  public static final Mm7Version REL_6_MM7_1_3 = new Mm7Version("REL-6-MM7-1-3", 6, "6.6.0");
  public static final Mm7Version REL_6_MM7_1_4 = new Mm7Version("REL-6-MM7-1-4", 6, "6.8.0");

  /** The default profile of {@link Mm7Client}: REL-6-MM7-1-4 with {@code 6.8.0}. */
  public static final Mm7Version DEFAULT = REL_6_MM7_1_4;

  private static final List<Mm7Version> STANDARD =
      List.of(
          REL_5_MM7_1_0,
          REL_5_MM7_1_1,
          REL_5_MM7_1_2,
          REL_5_MM7_1_3,
          REL_6_MM7_1_0,
          REL_6_MM7_1_1,
          REL_6_MM7_1_2,
          REL_6_MM7_1_3,
          REL_6_MM7_1_4);

  private static final Pattern VERSION_VALUE =
      Pattern.compile("[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
  private static final Pattern REL = Pattern.compile("REL-([0-9]+)-MM7-[0-9A-Za-z.\\-]+");

  private final String schema;
  private final String namespace;
  private final int release;
  private final String mm7Version;

  private Mm7Version(String schema, int release, String mm7Version) {
    this(schema, NAMESPACE_BASE + schema, release, mm7Version);
  }

  private Mm7Version(String schema, String namespace, int release, String mm7Version) {
    this.schema = schema;
    this.namespace = namespace;
    this.release = release;
    this.mm7Version = mm7Version;
  }

  /** The nine 3GPP profiles from REL-5-MM7-1-0 to REL-6-MM7-1-4, oldest first. */
  public static List<Mm7Version> standardVersions() {
    return STANDARD;
  }

  /**
   * The profile for a namespace URI as a peer wrote it. Known 3GPP namespaces give their constant;
   * other {@code REL-x-MM7-...} namespaces (such as the bogus {@code REL-6-MM7-6-7} seen in the
   * wild) give a profile of release x; anything else gives an empty result.
   */
  public static Optional<Mm7Version> forNamespace(String namespaceUri) {
    Objects.requireNonNull(namespaceUri, "namespaceUri");
    // copies of documentation break long namespace URIs across lines
    String ns = namespaceUri.replaceAll("\\s+", "");
    if (ns.endsWith(".xsd")) {
      ns = ns.substring(0, ns.length() - 4);
    }
    for (Mm7Version v : STANDARD) {
      if (v.namespace.equals(ns)) {
        return Optional.of(v);
      }
    }
    int slash = ns.lastIndexOf('/');
    String last = ns.substring(slash + 1);
    Matcher m = REL.matcher(last);
    if (m.matches()) {
      int rel = Integer.parseInt(m.group(1));
      return Optional.of(new Mm7Version(last, ns, rel, rel >= 6 ? "6.8.0" : "5.3.0"));
    }
    return Optional.empty();
  }

  /**
   * A profile by schema name, e.g. {@code REL-5-MM7-1-2} (case-insensitive).
   *
   * @throws IllegalArgumentException if the name is not one of the nine 3GPP schemas
   */
  public static Mm7Version ofSchema(String schemaName) {
    for (Mm7Version v : STANDARD) {
      if (v.schema.equalsIgnoreCase(schemaName.trim())) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown MM7 schema: " + schemaName);
  }

  /** A copy writing another {@code MM7Version} value (three dotted numbers, e.g. {@code 5.6.0}). */
  public Mm7Version withMm7Version(String value) {
    Objects.requireNonNull(value, "value");
    if (value.equals(mm7Version)) {
      return this;
    }
    if (!VERSION_VALUE.matcher(value).matches()) {
      throw new IllegalArgumentException("MM7Version must look like 6.8.0: " + value);
    }
    return new Mm7Version(schema, namespace, release, value);
  }

  /** The schema name, e.g. {@code REL-6-MM7-1-4}. */
  public String schema() {
    return schema;
  }

  /** The namespace URI. */
  public String namespace() {
    return namespace;
  }

  /** The 3GPP release of the schema (5 or 6). */
  public int release() {
    return release;
  }

  /** The {@code MM7Version} element value. */
  public String mm7Version() {
    return mm7Version;
  }

  /** True if the schema has the Release 6 elements (ApplicID, ContentClass, ...). */
  public boolean hasRelease6Elements() {
    return release >= 6;
  }

  /** True for one of the nine 3GPP namespaces (as opposed to one read from a peer). */
  public boolean isStandard() {
    return STANDARD.stream().anyMatch(v -> v.namespace.equals(namespace));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Mm7Version v
        && v.namespace.equals(namespace)
        && v.mm7Version.equals(mm7Version);
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespace, mm7Version);
  }

  @Override
  public String toString() {
    return schema + "/" + mm7Version.toLowerCase(Locale.ROOT);
  }
}
