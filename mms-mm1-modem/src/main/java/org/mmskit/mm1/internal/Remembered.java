package org.mmskit.mm1.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the receiving side must still know after a restart: the Message-IDs already handed to the
 * application (so a repeated push is not delivered twice) and the notifications answered "Deferred"
 * (so their later retrieval is acknowledged with m-acknowledge-ind). Bounded: the oldest entries go
 * first. With a file, every change rewrites it whole (a few kilobytes) through a temporary file
 * moved over the old one, so a crash leaves either the old or the new content. A file that cannot
 * be written costs only the memory across restarts: a warning, not a failure. Used by one thread.
 */
public final class Remembered {
  private static final Logger log = LoggerFactory.getLogger(Remembered.class);
  private static final String HEADER = "# MMSKit MM1 listener state, version 1";

  /** What an entry stands for; its letter starts the entry's line in the file. */
  public enum Kind {
    DELIVERED('m'),
    DEFERRED('d');

    private final char letter;

    Kind(char letter) {
      this.letter = letter;
    }
  }

  private final Path file;
  private final int max;
  private final LinkedHashMap<String, Boolean> entries;

  /**
   * @param file the state file, or null to remember in memory only
   * @param max how many entries are kept
   */
  public Remembered(Path file, int max) {
    this.file = file;
    this.max = max;
    this.entries =
        new LinkedHashMap<>(64, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > Remembered.this.max;
          }
        };
    if (file != null) {
      load();
    }
  }

  private void load() {
    if (!Files.exists(file)) {
      return;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      log.warn("cannot read {}: starting without it ({})", file, e.getMessage());
      return;
    }
    for (String line : lines) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.length() < 3 || line.charAt(1) != ' ' || kind(line.charAt(0)) == null) {
        log.warn("skipping an unreadable line of {}: {}", file, line);
        continue;
      }
      entries.put(line.substring(0, 1) + line.substring(2), Boolean.TRUE);
    }
  }

  private static Kind kind(char letter) {
    for (Kind k : Kind.values()) {
      if (k.letter == letter) {
        return k;
      }
    }
    return null;
  }

  private static String key(Kind kind, String value) {
    return kind.letter + value;
  }

  public boolean contains(Kind kind, String value) {
    return entries.containsKey(key(kind, value));
  }

  /** Remembers an entry and writes the file. */
  public void add(Kind kind, String value) {
    if (entries.put(key(kind, value), Boolean.TRUE) == null) {
      save();
    }
  }

  /** Forgets an entry and writes the file. */
  public void remove(Kind kind, String value) {
    if (entries.remove(key(kind, value)) != null) {
      save();
    }
  }

  public int size() {
    return entries.size();
  }

  private void save() {
    if (file == null) {
      return;
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (OutputStream out =
              Files.newOutputStream(
                  tmp,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.TRUNCATE_EXISTING,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.SYNC);
          BufferedWriter w =
              new BufferedWriter(
                  new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 8192)) {
        w.write(HEADER);
        w.write('\n');
        for (String k : entries.keySet()) {
          // a value holding a line break cannot be written as a line: it stays in memory only
          if (k.indexOf('\n') >= 0 || k.indexOf('\r') >= 0) {
            continue;
          }
          w.write(k.charAt(0));
          w.write(' ');
          w.write(k, 1, k.length() - 1);
          w.write('\n');
        }
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      log.warn(
          "cannot write {} ({}); a repeated push may be delivered again after a restart",
          file,
          e.getMessage());
    }
  }
}
