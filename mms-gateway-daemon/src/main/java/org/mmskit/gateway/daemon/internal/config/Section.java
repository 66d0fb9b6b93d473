package org.mmskit.gateway.daemon.internal.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mmskit.gateway.daemon.internal.config.YamlTree.Entry;
import org.mmskit.gateway.daemon.internal.config.YamlTree.ListNode;
import org.mmskit.gateway.daemon.internal.config.YamlTree.MapNode;
import org.mmskit.gateway.daemon.internal.config.YamlTree.Node;
import org.mmskit.gateway.daemon.internal.config.YamlTree.Scalar;

/**
 * One mapping of the configuration, read key by key. Every problem is recorded with the key's path
 * and line instead of thrown, so that one run lists all of them; a read that failed returns empty
 * or the default. {@link #finish()} reports the keys nobody asked for (most often a misspelling).
 */
final class Section {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)?");
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,12})\\s*(b|kib|kb|k|mib|mb|m|gib|gb|g)?");

  /** What all sections of one read share. */
  static final class Context {
    final List<String> problems = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final Function<String, String> env;
    final Path baseDir;

    Context(Function<String, String> env, Path baseDir) {
      this.env = env;
      this.baseDir = baseDir;
    }
  }

  final Context ctx;
  final String path;
  final MapNode node;
  private final int line;
  private final Set<String> used = new HashSet<>();

  /**
   * @param line where the section is named (its key's line, or its list item's), so that a key
   *     missing from it is reported there
   */
  Section(Context ctx, String path, MapNode node, int line) {
    this.ctx = ctx;
    this.path = path;
    this.node = node;
    this.line = line;
  }

  String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  int line() {
    return line;
  }

  void problem(String key, String message) {
    Entry e = node.entries().get(key);
    int at = e != null ? e.value().line() : line;
    ctx.problems.add("line " + at + ": " + keyPath(key) + ": " + message);
  }

  /** A problem about the section as a whole. */
  void problem(String message) {
    ctx.problems.add(
        "line " + line + ": " + (path.isEmpty() ? "(top level)" : path) + ": " + message);
  }

  boolean has(String key) {
    Entry e = node.entries().get(key);
    return e != null && !(e.value() instanceof Scalar s && s.text() == null);
  }

  private Optional<Node> raw(String key) {
    used.add(key);
    Entry e = node.entries().get(key);
    if (e == null || (e.value() instanceof Scalar s && s.text() == null)) {
      return Optional.empty();
    }
    return Optional.of(e.value());
  }

  Optional<String> string(String key) {
    Optional<Node> n = raw(key);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (n.get() instanceof Scalar s) {
      return Optional.of(s.text());
    }
    problem(key, "expected a single value, found " + kind(n.get()));
    return Optional.empty();
  }

  String string(String key, String dflt) {
    return string(key).orElse(dflt);
  }

  /** A value that must be given; a problem and null when it is not. */
  String required(String key) {
    Optional<String> v = string(key);
    if (v.isEmpty() && raw(key).isEmpty()) {
      problem(key, "required");
    }
    return v.orElse(null);
  }

  Optional<Integer> integer(String key, int min, int max) {
    Optional<String> v = string(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      int i = Integer.parseInt(v.get().trim());
      if (i < min || i > max) {
        problem(key, v.get() + " is out of range (" + min + " to " + max + ")");
        return Optional.empty();
      }
      return Optional.of(i);
    } catch (NumberFormatException e) {
      problem(key, "'" + v.get() + "' is not a whole number");
      return Optional.empty();
    }
  }

  int integer(String key, int dflt, int min, int max) {
    return integer(key, min, max).orElse(dflt);
  }

  Optional<Double> decimal(String key, double min, double max) {
    Optional<String> v = string(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      double d = Double.parseDouble(v.get().trim());
      if (!(d >= min && d <= max)) {
        problem(key, v.get() + " is out of range (" + min + " to " + max + ")");
        return Optional.empty();
      }
      return Optional.of(d);
    } catch (NumberFormatException e) {
      problem(key, "'" + v.get() + "' is not a number");
      return Optional.empty();
    }
  }

  Optional<Boolean> bool(String key) {
    Optional<String> v = string(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    switch (v.get().trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> {
        return Optional.of(true);
      }
      case "false", "no", "off" -> {
        return Optional.of(false);
      }
      default -> {
        problem(key, "'" + v.get() + "' is not true or false");
        return Optional.empty();
      }
    }
  }

  boolean bool(String key, boolean dflt) {
    return bool(key).orElse(dflt);
  }

  /** A duration written as {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h} or {@code 7d}. */
  Optional<Duration> duration(String key) {
    Optional<String> v = string(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> d = parseDuration(v.get());
    if (d.isEmpty()) {
      problem(key, "'" + v.get() + "' is not a duration: write 500ms, 30s, 10m, 2h or 7d");
    }
    return d;
  }

  Duration duration(String key, Duration dflt) {
    return duration(key).orElse(dflt);
  }

  static Optional<Duration> parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    Duration d =
        switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofSeconds(n);
        };
    return d.isZero() ? Optional.empty() : Optional.of(d);
  }

  /** A size in bytes, written as {@code 1048576}, {@code 512KiB} or {@code 16MiB}. */
  Optional<Long> size(String key) {
    Optional<String> v = string(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = SIZE.matcher(v.get().trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      problem(key, "'" + v.get() + "' is not a size: write 65536, 512KiB or 16MiB");
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    long factor =
        switch (unit.charAt(0)) {
          case 'k' -> 1024L;
          case 'm' -> 1024L * 1024;
          case 'g' -> 1024L * 1024 * 1024;
          default -> 1L;
        };
    return Optional.of(n * factor);
  }

  /** A path, relative to the configuration file's directory unless absolute. */
  Optional<Path> file(String key) {
    return string(key).map(s -> ctx.baseDir.resolve(s).normalize());
  }

  /** A list of single values; a single value is read as a list of one. */
  List<String> strings(String key) {
    Optional<Node> n = raw(key);
    List<String> out = new ArrayList<>();
    if (n.isEmpty()) {
      return out;
    }
    if (n.get() instanceof Scalar s) {
      out.add(s.text());
    } else if (n.get() instanceof ListNode l) {
      for (int i = 0; i < l.items().size(); i++) {
        if (l.items().get(i) instanceof Scalar s && s.text() != null) {
          out.add(s.text());
        } else {
          ctx.problems.add(
              "line "
                  + l.items().get(i).line()
                  + ": "
                  + keyPath(key)
                  + "["
                  + i
                  + "]: expected a single value");
        }
      }
    } else {
      problem(key, "expected a list of values, found a mapping");
    }
    return out;
  }

  Optional<Section> section(String key) {
    Optional<Node> n = raw(key);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (n.get() instanceof MapNode m) {
      return Optional.of(new Section(ctx, keyPath(key), m, node.entries().get(key).line()));
    }
    problem(key, "expected a mapping (key: value lines), found " + kind(n.get()));
    return Optional.empty();
  }

  /** The section, or an empty one when absent (so its defaults apply). */
  Section sectionOrEmpty(String key) {
    return section(key).orElseGet(() -> new Section(ctx, keyPath(key), emptyAt(line), line));
  }

  /** A list of mappings. */
  List<Section> sections(String key) {
    Optional<Node> n = raw(key);
    List<Section> out = new ArrayList<>();
    if (n.isEmpty()) {
      return out;
    }
    if (!(n.get() instanceof ListNode l)) {
      problem(key, "expected a list (lines starting with '- '), found " + kind(n.get()));
      return out;
    }
    for (int i = 0; i < l.items().size(); i++) {
      Node item = l.items().get(i);
      if (item instanceof MapNode m) {
        out.add(new Section(ctx, keyPath(key) + "[" + i + "]", m, m.line()));
      } else {
        ctx.problems.add(
            "line " + item.line() + ": " + keyPath(key) + "[" + i + "]: expected a mapping");
      }
    }
    return out;
  }

  /** The mappings under each key of a mapping, e.g. named connections. */
  List<Section> namedSections(String key) {
    Optional<Section> s = section(key);
    List<Section> out = new ArrayList<>();
    if (s.isEmpty()) {
      return out;
    }
    for (String name : s.get().node.entries().keySet()) {
      s.get().section(name).ifPresent(out::add);
    }
    return out;
  }

  /** The last segment of this section's path: the name of a named section. */
  String name() {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }

  /**
   * A secret: {@code <key>Env: VARIABLE} (an environment variable), {@code <key>File: path} (the
   * first line of a file) or, discouraged, {@code <key>: value} in the file itself. At most one.
   */
  Optional<String> secret(String key) {
    Optional<String> inline = string(key);
    Optional<String> env = string(key + "Env");
    Optional<String> file = string(key + "File");
    int given =
        (inline.isPresent() ? 1 : 0) + (env.isPresent() ? 1 : 0) + (file.isPresent() ? 1 : 0);
    if (given > 1) {
      problem(key, "give one of " + key + ", " + key + "Env and " + key + "File");
      return Optional.empty();
    }
    if (env.isPresent()) {
      String value = ctx.env.apply(env.get());
      if (value == null || value.isEmpty()) {
        problem(key + "Env", "the environment variable " + env.get() + " is not set");
        return Optional.empty();
      }
      return Optional.of(value);
    }
    if (file.isPresent()) {
      Path p = ctx.baseDir.resolve(file.get());
      try {
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.get(0).isEmpty()) {
          problem(key + "File", p + " is empty");
          return Optional.empty();
        }
        return Optional.of(lines.get(0));
      } catch (IOException e) {
        problem(key + "File", "cannot read " + p + ": " + e);
        return Optional.empty();
      }
    }
    if (inline.isPresent()) {
      Entry e = node.entries().get(key);
      ctx.warnings.add(
          "line "
              + e.line()
              + ": "
              + keyPath(key)
              + " is written in the configuration file; prefer "
              + key
              + "Env or "
              + key
              + "File");
    }
    return inline;
  }

  /** A secret that must be given. */
  String requiredSecret(String key) {
    Optional<String> s = secret(key);
    if (s.isEmpty() && !has(key) && !has(key + "Env") && !has(key + "File")) {
      problem(key, "required: give " + key + "Env (an environment variable) or " + key + "File");
    }
    return s.orElse(null);
  }

  /** An enumeration value, written in any case with {@code -} for {@code _}. */
  <E extends Enum<E>> Optional<E> choice(String key, Class<E> type) {
    Optional<String> v = string(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String wanted = v.get().trim().replace('-', '_').toUpperCase(Locale.ROOT);
    for (E e : type.getEnumConstants()) {
      if (e.name().replace("_", "").equals(wanted.replace("_", ""))) {
        return Optional.of(e);
      }
    }
    StringBuilder known = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      known
          .append(known.length() == 0 ? "" : ", ")
          .append(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    problem(key, "'" + v.get() + "' is not one of " + known);
    return Optional.empty();
  }

  /** Reports every key of this section that no read asked for. */
  void finish() {
    for (Entry e : node.entries().values()) {
      if (!used.contains(e.key())) {
        ctx.problems.add(
            "line " + e.line() + ": " + keyPath(e.key()) + ": unknown key" + hint(e.key()));
      }
    }
  }

  private String hint(String key) {
    String best = null;
    int bestDistance = 3;
    for (String u : used) {
      int d = distance(key.toLowerCase(Locale.ROOT), u.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = u;
        bestDistance = d;
      }
    }
    return best == null ? "" : " (did you mean " + best + "?)";
  }

  /** Levenshtein distance, to suggest the key a misspelling meant. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static String kind(Node n) {
    if (n instanceof MapNode) {
      return "a mapping";
    }
    if (n instanceof ListNode) {
      return "a list";
    }
    return "a single value";
  }

  private static MapNode emptyAt(int line) {
    return new MapNode(line, java.util.Map.of());
  }
}
