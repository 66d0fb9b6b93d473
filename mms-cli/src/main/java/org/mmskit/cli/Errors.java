package org.mmskit.cli;

import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Turns exceptions into the words a user can act on: the root cause as the operating system or the
 * peer put it ("address already in use", "connection refused", "no such file"), never a Java class
 * name.
 */
final class Errors {
  private Errors() {}

  /** What went wrong, from the most telling exception in the cause chain. */
  static String describe(Throwable t) {
    // The operating system's words win; otherwise the outermost message, which has the context.
    String first = null;
    for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
      if (known(c) != null) {
        return known(c);
      }
      if (first == null && c.getMessage() != null && !c.getMessage().isBlank()) {
        first = c.getMessage();
      }
    }
    return first == null ? "unexpected failure" : stripClassNames(first);
  }

  /** The words for exceptions whose message alone does not say it. */
  private static String known(Throwable c) {
    String m = c.getMessage() == null ? "" : c.getMessage();
    if (c instanceof BindException) {
      return lower(m.isEmpty() ? "address not available" : osText(m));
    }
    if (c instanceof NoSuchFileException) {
      return "no such file: " + m;
    }
    if (c instanceof AccessDeniedException) {
      return "permission denied: " + m;
    }
    if (c instanceof FileAlreadyExistsException) {
      return "file already exists: " + m;
    }
    if (c instanceof NotDirectoryException) {
      return "not a directory: " + m;
    }
    if (c instanceof UnknownHostException) {
      return "unknown host " + m;
    }
    if (c instanceof NoRouteToHostException) {
      return "no route to host";
    }
    if (c instanceof ConnectException) {
      return m.isEmpty() ? "connection refused" : lower(osText(m));
    }
    if (c instanceof SocketTimeoutException) {
      return "no answer in time";
    }
    return null;
  }

  /** "Address already in use (Bind failed)" reads "address already in use". */
  private static String osText(String m) {
    int paren = m.indexOf(" (");
    return paren > 0 ? m.substring(0, paren) : m;
  }

  private static String lower(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }

  /** Drops a leading {@code java.io.SomethingException: } that libraries put in messages. */
  static String stripClassNames(String m) {
    return m.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error): ?", "");
  }
}
