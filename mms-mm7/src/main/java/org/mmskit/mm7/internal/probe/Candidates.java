package org.mmskit.mm7.internal.probe;

import java.util.List;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7Probe.Candidate;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7WriteOptions;

/**
 * The formats the probe tries, most common in the field first (see the pairings in the MM7 facts:
 * aggregators and Nokia on REL-6-MM7-1-4, Oracle OCSG and Mbuni operator configurations on
 * REL-5-MM7-1-2 / 5.3.0, the 3GPP annex and Mbuni defaults on REL-5-MM7-1-0, China Mobile on
 * REL-6-MM7-1-0 / 6.3.0, the pre-schema Ericsson style with Version 5.2.0), then the field switches
 * (unprefixed elements, the namespace as SOAPAction), then the rarer pairings.
 */
public final class Candidates {
  /** The client's default SOAPAction value: two quote characters. */
  public static final String DEFAULT_SOAP_ACTION = "\"\"";

  private static final List<Candidate> ORDERED =
      List.of(
          standard(Mm7Version.REL_6_MM7_1_4),
          standard(Mm7Version.REL_5_MM7_1_2),
          standard(Mm7Version.REL_5_MM7_1_0),
          standard(Mm7Version.REL_6_MM7_1_0),
          dialect(Mm7Dialect.ERICSSON, Mm7Version.REL_5_MM7_1_0.withMm7Version("5.2.0")),
          standard(Mm7Version.REL_5_MM7_1_3),
          new Candidate(Mm7Version.REL_6_MM7_1_4, Mm7Dialect.STANDARD, false, DEFAULT_SOAP_ACTION),
          new Candidate(
              Mm7Version.REL_6_MM7_1_4,
              Mm7Dialect.STANDARD,
              true,
              "\"" + Mm7Version.REL_6_MM7_1_4.namespace() + "\""),
          dialect(Mm7Dialect.LOGICACMG, Mm7Version.REL_5_MM7_1_0),
          standard(Mm7Version.REL_5_MM7_1_0.withMm7Version("5.2.0")),
          standard(Mm7Version.REL_6_MM7_1_4.withMm7Version("6.7.0")),
          standard(Mm7Version.REL_5_MM7_1_3.withMm7Version("5.6.0")),
          standard(Mm7Version.REL_5_MM7_1_1),
          standard(Mm7Version.REL_6_MM7_1_1),
          standard(Mm7Version.REL_6_MM7_1_2),
          standard(Mm7Version.REL_6_MM7_1_3),
          new Candidate(Mm7Version.REL_5_MM7_1_2, Mm7Dialect.STANDARD, false, DEFAULT_SOAP_ACTION));

  private Candidates() {}

  public static List<Candidate> ordered() {
    return ORDERED;
  }

  /** Whether a dialect writes prefixed elements unless told otherwise. */
  public static boolean defaultPrefix(Mm7Dialect dialect) {
    return Mm7WriteOptions.forDialect(dialect).prefixElements();
  }

  private static Candidate standard(Mm7Version v) {
    return new Candidate(v, Mm7Dialect.STANDARD, true, DEFAULT_SOAP_ACTION);
  }

  private static Candidate dialect(Mm7Dialect d, Mm7Version v) {
    return new Candidate(v, d, defaultPrefix(d), DEFAULT_SOAP_ACTION);
  }
}
