package org.mmskit.core.internal.wsp;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** WSP well-known values: content types (WSP table 40), parameters (38), header names (39). */
public final class WellKnown {
  private WellKnown() {}

  private static final String[] MEDIA = {
    "*/*",
    "text/*",
    "text/html",
    "text/plain",
    "text/x-hdml",
    "text/x-ttml",
    "text/x-vcalendar",
    "text/x-vcard",
    "text/vnd.wap.wml",
    "text/vnd.wap.wmlscript",
    "text/vnd.wap.wta-event",
    "multipart/*",
    "multipart/mixed",
    "multipart/form-data",
    "multipart/byteranges",
    "multipart/alternative",
    "application/*",
    "application/java-vm",
    "application/x-www-form-urlencoded",
    "application/x-hdmlc",
    "application/vnd.wap.wmlc",
    "application/vnd.wap.wmlscriptc",
    "application/vnd.wap.wta-eventc",
    "application/vnd.wap.uaprof",
    "application/vnd.wap.wtls-ca-certificate",
    "application/vnd.wap.wtls-user-certificate",
    "application/x-x509-ca-cert",
    "application/x-x509-user-cert",
    "image/*",
    "image/gif",
    "image/jpeg",
    "image/tiff",
    "image/png",
    "image/vnd.wap.wbmp",
    "application/vnd.wap.multipart.*",
    "application/vnd.wap.multipart.mixed",
    "application/vnd.wap.multipart.form-data",
    "application/vnd.wap.multipart.byteranges",
    "application/vnd.wap.multipart.alternative",
    "application/xml",
    "text/xml",
    "application/vnd.wap.wbxml",
    "application/x-x968-cross-cert",
    "application/x-x968-ca-cert",
    "application/x-x968-user-cert",
    "text/vnd.wap.si",
    "application/vnd.wap.sic",
    "text/vnd.wap.sl",
    "application/vnd.wap.slc",
    "text/vnd.wap.co",
    "application/vnd.wap.coc",
    "application/vnd.wap.multipart.related",
    "application/vnd.wap.sia",
    "text/vnd.wap.connectivity-xml",
    "application/vnd.wap.connectivity-wbxml",
    "application/pkcs7-mime",
    "application/vnd.wap.hashed-certificate",
    "application/vnd.wap.signed-certificate",
    "application/vnd.wap.cert-response",
    "application/xhtml+xml",
    "application/wml+xml",
    "text/css",
    "application/vnd.wap.mms-message",
    "application/vnd.wap.rollover-certificate",
    "application/vnd.wap.locc+wbxml",
    "application/vnd.wap.loc+xml",
    "application/vnd.syncml.dm+wbxml",
    "application/vnd.syncml.dm+xml",
    "application/vnd.syncml.notification",
    "application/vnd.wap.xhtml+xml",
    "application/vnd.wv.csp.cir",
    "application/vnd.oma.dd+xml",
    "application/vnd.oma.drm.message",
    "application/vnd.oma.drm.content",
    "application/vnd.oma.drm.rights+xml",
    "application/vnd.oma.drm.rights+wbxml",
  };

  private static final Map<String, Integer> MEDIA_CODES = new HashMap<>();

  /** Prefix of the name given to a well-known media code this table does not know. */
  public static final String UNKNOWN_MEDIA_PREFIX = "application/x-wsp-content-type-";

  private static final String[] PARAMS = {
    "q",
    "charset",
    "level",
    "type",
    null,
    "name",
    "filename",
    "differences",
    "padding",
    "type",
    "start",
    "start-info",
    "comment",
    "domain",
    "max-age",
    "path",
    "secure",
    "sec",
    "mac",
    "creation-date",
    "modification-date",
    "read-date",
    "size",
    "name",
    "filename",
    "start",
    "start-info",
    "comment",
    "domain",
    "path",
  };

  private static final String[] HEADERS = {
    "Accept",
    "Accept-Charset",
    "Accept-Encoding",
    "Accept-Language",
    "Accept-Ranges",
    "Age",
    "Allow",
    "Authorization",
    "Cache-Control",
    "Connection",
    "Content-Base",
    "Content-Encoding",
    "Content-Language",
    "Content-Length",
    "Content-Location",
    "Content-MD5",
    "Content-Range",
    "Content-Type",
    "Date",
    "Etag",
    "Expires",
    "From",
    "Host",
    "If-Modified-Since",
    "If-Match",
    "If-None-Match",
    "If-Range",
    "If-Unmodified-Since",
    "Location",
    "Last-Modified",
    "Max-Forwards",
    "Pragma",
    "Proxy-Authenticate",
    "Proxy-Authorization",
    "Public",
    "Range",
    "Referer",
    "Retry-After",
    "Server",
    "Transfer-Encoding",
    "Upgrade",
    "User-Agent",
    "Vary",
    "Via",
    "Warning",
    "WWW-Authenticate",
    "Content-Disposition",
    "X-Wap-Application-Id",
    "X-Wap-Content-URI",
    "X-Wap-Initiator-URI",
    "Accept-Application",
    "Bearer-Indication",
    "Push-Flag",
    "Profile",
    "Profile-Diff",
    "Profile-Warning",
    "Expect",
    "TE",
    "Trailer",
    "Accept-Charset",
    "Accept-Encoding",
    "Cache-Control",
    "Content-Range",
    "X-Wap-Tod",
    "Content-ID",
    "Set-Cookie",
    "Cookie",
    "Encoding-Version",
    "Profile-Warning",
    "Content-Disposition",
    "X-WAP-Security",
    "Cache-Control",
  };

  static {
    for (int i = 0; i < MEDIA.length; i++) {
      MEDIA_CODES.put(MEDIA[i], i);
    }
  }

  /** The media type of a well-known code (0-0x7F, or larger long-integer codes). */
  public static String media(int code) {
    if (code >= 0 && code < MEDIA.length) {
      return MEDIA[code];
    }
    return UNKNOWN_MEDIA_PREFIX + Integer.toHexString(code);
  }

  /** The well-known code of a (lower-case) media type, or -1. */
  public static int mediaCode(String mediaType) {
    Integer c = MEDIA_CODES.get(mediaType);
    if (c != null) {
      return c;
    }
    if (mediaType.startsWith(UNKNOWN_MEDIA_PREFIX)) {
      try {
        int v = Integer.parseInt(mediaType.substring(UNKNOWN_MEDIA_PREFIX.length()), 16);
        return v >= 0 ? v : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }

  /** The parameter name of a well-known parameter code, or null. */
  public static String param(int code) {
    return code >= 0 && code < PARAMS.length ? PARAMS[code] : null;
  }

  /** The header name of a well-known WSP header code. */
  public static String header(int code) {
    if (code >= 0 && code < HEADERS.length) {
      return HEADERS[code];
    }
    return "X-Wsp-Header-0x" + Integer.toHexString(code).toUpperCase(Locale.ROOT);
  }
}
