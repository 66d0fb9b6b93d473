package org.mmskit.gateway.daemon.internal.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page as a real browser shows it: Debian's {@code chromium}, headless, loads the page
 * from a real gateway and dumps the DOM it built, which the test reads. Skipped, saying which
 * package to install, when {@code chromium} is not on the PATH ({@code .ci/run} installs it).
 */
class StatusPageBrowserTest {
  /** Chromium's first start on a loaded machine takes a while; this bounds a hung one. */
  private static final long BROWSER_WAIT_SECONDS = 180;

  @TempDir Path dir;

  static Optional<Path> chromium() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String d : path.split(File.pathSeparator)) {
      Path p = Path.of(d.isEmpty() ? "." : d, "chromium");
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void chromiumShowsConnectionsQueueDepthsMessagesAndHostileTextAsText() throws Exception {
    Optional<Path> chromium = chromium();
    assumeTrue(
        chromium.isPresent(),
        "no chromium on the PATH: install Debian's chromium package"
            + " (apt-get install chromium) to run the status page's browser test");
    try (StatusFixture fx = new StatusFixture(dir.resolve("gateway"))) {
      StatusFixture.Filled filled = fx.fill();
      Document doc = Jsoup.parse(dumpDom(chromium.get(), fx.uri("/").toString()));

      // Hostile subjects, details and errors are shown as text and ran nothing.
      assertThat(doc.title()).isEqualTo("MMSKit gateway");
      assertThat(doc.select("script, img, iframe, object")).isEmpty();
      assertThat(doc.body().hasAttr("data-pwned")).isFalse();
      assertThat(column(doc, "incoming", 4)).containsExactly(StatusFixture.HOSTILE);
      assertThat(column(doc, "errors", 2)).containsExactly(StatusFixture.HOSTILE);

      assertThat(column(doc, "webhooks", 0))
          .containsExactly(fx.receiver.uri().resolve("/hook").toString(), fx.deadTarget.toString());
      assertThat(column(doc, "webhooks", 1)).containsExactly("0", "5");
      assertThat(column(doc, "webhooks", 3)).containsExactly("0", "1");
      assertThat(column(doc, "webhooks", 5).get(1)).isEqualTo("not yet");

      assertThat(column(doc, "connections", 0)).containsExactly("mmsc-a", "mmsc-down");
      assertThat(column(doc, "connections", 1)).containsExactly("failed", "failed");
      assertThat(column(doc, "connections", 3).get(0)).contains("2002", "Address <error>");
      assertThat(column(doc, "connections", 3).get(1)).contains("Connection refused");
      assertThat(column(doc, "connections", 4)).containsExactly("1", "0");
      assertThat(column(doc, "connections", 5)).containsExactly("1", "3");

      assertThat(column(doc, "routes", 0)).containsExactly("fast", "blocked");
      assertThat(column(doc, "routes", 1))
          .containsExactly(
              Long.toString(fx.gateway.queueDepth("fast")),
              Long.toString(fx.gateway.queueDepth("blocked")))
          .containsExactly("0", "2");

      assertThat(column(doc, "messages", 0))
          .containsExactly(
              filled.cancelled(),
              filled.queued().get(1),
              filled.queued().get(0),
              filled.failed(),
              filled.sent());
      assertThat(column(doc, "messages", 1))
          .containsExactly("CANCELLED", "QUEUED", "QUEUED", "FAILED", "SENT");
      assertThat(column(doc, "messages", 2).get(4)).isEqualTo("+15550001");

      assertThat(column(doc, "reports", 2)).containsExactly(filled.sent());
      assertThat(column(doc, "reports", 4)).containsExactly("RETRIEVED (Retrieved)");

      assertThat(doc.select("#totals dd").eachText())
          .containsExactly("5", "1", "1", "1", "1", "0", "1", "1");
    }
  }

  /** The text of one column of a table's body, top to bottom. */
  static List<String> column(Document doc, String table, int index) {
    List<String> out = new ArrayList<>();
    for (Element row : doc.select("#" + table + " > tbody > tr")) {
      out.add(row.child(index).text());
    }
    return out;
  }

  /** Runs headless Chromium on the URL and returns the DOM it built. */
  private String dumpDom(Path chromium, String url) throws Exception {
    Path out = dir.resolve("dom.html");
    Path log = dir.resolve("chromium.log");
    Process p =
        new ProcessBuilder(
                chromium.toString(),
                "--headless",
                // Chromium's sandbox refuses to run as root, as CI containers do.
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--user-data-dir=" + dir.resolve("profile"),
                "--dump-dom",
                url)
            .redirectOutput(out.toFile())
            .redirectError(log.toFile())
            .start();
    boolean ended = p.waitFor(BROWSER_WAIT_SECONDS, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly().waitFor();
    }
    String errors = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(ended)
        .as("chromium ended within %d s; its log:%n%s", BROWSER_WAIT_SECONDS, errors)
        .isTrue();
    assertThat(p.exitValue()).as("chromium's exit status; its log:%n%s", errors).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
