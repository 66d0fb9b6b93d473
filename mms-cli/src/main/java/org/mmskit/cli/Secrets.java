package org.mmskit.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mmskit.core.Header;
import org.mmskit.mm7.Mm7HttpRequest;

/** Keeps passwords out of what the CLI prints and writes, unless {@code --show-secrets}. */
final class Secrets {
  private Secrets() {}

  static final String MASK = "****";

  /** A URL with the password of its user information masked: {@code http://user:****@host/}. */
  static String maskUrl(URI url) {
    String info = url.getRawUserInfo();
    if (info == null) {
      return url.toString();
    }
    int colon = info.indexOf(':');
    String shown = (colon < 0 ? info : info.substring(0, colon)) + ":" + MASK;
    return url.toString().replace(info + "@", shown + "@");
  }

  /** The {@code USER:PASSWORD} in a URL's user information, decoded, or null. */
  static String[] userInfo(URI url) {
    String info = url.getRawUserInfo();
    if (info == null) {
      return null;
    }
    int colon = info.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "the URL " + maskUrl(url) + " names a user but no password (write user:password@)");
    }
    return new String[] {decode(info.substring(0, colon)), decode(info.substring(colon + 1))};
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The request with {@code Authorization} and {@code Proxy-Authorization} values masked. */
  static Mm7HttpRequest mask(Mm7HttpRequest r) {
    List<Header> headers = new ArrayList<>(r.headers().size());
    for (Header h : r.headers()) {
      String name = h.name().toLowerCase(Locale.ROOT);
      if (name.equals("authorization") || name.equals("proxy-authorization")) {
        String v = h.value();
        int sp = v.indexOf(' ');
        headers.add(new Header(h.name(), (sp > 0 ? v.substring(0, sp + 1) : "") + MASK));
      } else {
        headers.add(h);
      }
    }
    return new Mm7HttpRequest(r.method(), r.uri(), headers, r.body());
  }

  /**
   * The password to send with the user option ({@code userOption}, e.g. {@code --user}): {@code
   * --password}, else the first line of {@code --password-file}, else {@code MMSKIT_PASSWORD}; null
   * without a user.
   */
  static String password(String user, String password, Path passwordFile, String userOption)
      throws IOException {
    if (password != null && passwordFile != null) {
      throw new IllegalArgumentException("give --password or --password-file, not both");
    }
    String pw = password;
    if (pw == null && passwordFile != null) {
      List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
      if (lines.isEmpty() || lines.get(0).isEmpty()) {
        throw new IllegalArgumentException("--password-file " + passwordFile + " is empty");
      }
      pw = lines.get(0);
    }
    if (pw == null && user != null) {
      pw = System.getenv("MMSKIT_PASSWORD");
    }
    if (user == null && pw != null && (password != null || passwordFile != null)) {
      throw new IllegalArgumentException("a password needs " + userOption);
    }
    if (user != null && pw == null) {
      throw new IllegalArgumentException(
          userOption + " needs a password: --password, --password-file or MMSKIT_PASSWORD");
    }
    return user == null ? null : pw;
  }
}
