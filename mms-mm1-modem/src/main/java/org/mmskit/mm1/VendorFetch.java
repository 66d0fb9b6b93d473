package org.mmskit.mm1;

import java.net.URI;
import java.time.Duration;

/**
 * What a listener's fetcher needs to fetch and answer with a modem's own commands.
 *
 * @param modem the modem
 * @param mmscUrl where m-notifyresp-ind goes
 * @param proxy the operator's WAP proxy, or null
 * @param apn the MMS APN, or null to keep the modem's
 * @param userAgent the User-Agent, or null
 * @param wapProfile the x-wap-profile, or null
 * @param responseTimeout how long the MMSC may take to answer
 * @param maxResponseBytes the largest message read
 * @param authorization the value of an Authorization header for the MMSC, or null
 */
record VendorFetch(
    Modem modem,
    URI mmscUrl,
    URI proxy,
    String apn,
    String userAgent,
    String wapProfile,
    Duration responseTimeout,
    long maxResponseBytes,
    String authorization) {}
