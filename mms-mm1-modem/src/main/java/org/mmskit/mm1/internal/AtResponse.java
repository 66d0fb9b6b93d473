package org.mmskit.mm1.internal;

import java.util.List;
import java.util.Optional;
import org.mmskit.mm1.ModemError;

/**
 * The modem's answer to one command: the information lines and the final result code.
 *
 * @param command the command as sent
 * @param lines the lines between the command and its final result (echo and URCs removed)
 * @param finalResult {@code OK}, {@code ERROR}, {@code +CME ERROR: ...}, {@code NO CARRIER}, ...
 */
public record AtResponse(String command, List<String> lines, String finalResult) {
  public AtResponse {
    lines = List.copyOf(lines);
  }

  public boolean isOk() {
    return finalResult.equals("OK");
  }

  /** The first line starting with {@code prefix} (e.g. {@code +CSQ:}), without the prefix. */
  public Optional<String> value(String prefix) {
    for (String l : lines) {
      if (l.startsWith(prefix)) {
        return Optional.of(l.substring(prefix.length()).strip());
      }
    }
    return Optional.empty();
  }

  /** The error the final result says, empty on OK. */
  public Optional<ModemError> error() {
    return isOk() ? Optional.empty() : Optional.of(parseError(finalResult));
  }

  /** Reads a final result or a vendor error line as a {@link ModemError}. */
  public static ModemError parseError(String result) {
    for (String kind : new String[] {"CME", "CMS"}) {
      String prefix = "+" + kind + " ERROR:";
      if (result.startsWith(prefix)) {
        String rest = result.substring(prefix.length()).strip();
        int code = -1;
        try {
          code = Integer.parseInt(rest);
        } catch (NumberFormatException verbose) {
          // AT+CMEE=2 gives words instead of a number
        }
        return new ModemError(kind, code, result);
      }
    }
    return new ModemError(result.equals("ERROR") ? "ERROR" : result, -1, result);
  }

  /** True for a line that ends a command (27.007 §5.2 final result codes). */
  static boolean isFinal(String line) {
    return line.equals("OK")
        || line.equals("ERROR")
        || line.startsWith("+CME ERROR:")
        || line.startsWith("+CMS ERROR:")
        || line.equals("NO CARRIER")
        || line.equals("NO DIALTONE")
        || line.equals("BUSY")
        || line.equals("NO ANSWER");
  }
}
