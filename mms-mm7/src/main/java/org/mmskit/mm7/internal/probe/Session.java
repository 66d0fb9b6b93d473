package org.mmskit.mm7.internal.probe;

import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;
import org.mmskit.mm7.Mm7ProbeResult;

/** The request budget, spacing and trace of one run. */
final class Session {
  private static final Pattern AUTHORIZATION =
      Pattern.compile("(?im)^((?:proxy-)?authorization:[ \\t]*)(\\S+)([ \\t]+\\S+)?");

  private final ProbeSettings settings;
  private int requests;
  private int traced;

  Session(ProbeSettings settings) {
    this.settings = settings;
  }

  ProbeSettings settings() {
    return settings;
  }

  int requests() {
    return requests;
  }

  int remaining() {
    return settings.maxRequests() - requests;
  }

  /**
   * Takes one request from the budget, pausing first unless it is the first of the run.
   *
   * @return false when the budget is spent or the thread was interrupted
   */
  boolean take() {
    if (requests >= settings.maxRequests() || Thread.currentThread().isInterrupted()) {
      return false;
    }
    if (requests > 0 && !settings.spacing().isZero()) {
      settings.pause().accept(settings.spacing());
      if (Thread.currentThread().isInterrupted()) {
        return false;
      }
    }
    requests++;
    return true;
  }

  /** Hands one exchange to the trace sink with secrets masked. */
  void trace(String label, String request, String answer) {
    settings
        .trace()
        .accept(new Mm7ProbeResult.TraceEntry(++traced, label, mask(request), mask(answer)));
  }

  /**
   * Masks what must not reach a trace: {@code Authorization} values (the scheme is kept), the
   * password given, also as it appears base64-encoded, and the password in a URL.
   */
  String mask(String text) {
    String s =
        AUTHORIZATION
            .matcher(text)
            .replaceAll(
                m -> {
                  String scheme = m.group(3) == null ? "" : m.group(2) + " ";
                  return java.util.regex.Matcher.quoteReplacement(m.group(1) + scheme + "****");
                });
    String pw = settings.password();
    if (pw != null && !pw.isEmpty()) {
      s = s.replace(pw, "****");
      String basic =
          Base64.getEncoder()
              .encodeToString(
                  (settings.user() + ":" + pw).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      s = s.replace(basic, "****");
    }
    return s;
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3f s", d.toNanos() / 1e9);
  }
}
