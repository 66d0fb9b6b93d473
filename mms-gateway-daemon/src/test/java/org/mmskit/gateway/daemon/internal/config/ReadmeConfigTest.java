package org.mmskit.gateway.daemon.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example configuration in the module's README is one the daemon accepts as it stands. */
class ReadmeConfigTest {
  @TempDir Path dir;

  @Test
  void theReadmeExampleIsAValidConfiguration() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int section = readme.indexOf("## Configuration");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    String yaml = readme.substring(start, readme.indexOf("```\n", start));
    Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(dir.resolve("secrets/eaif-password"), "eaif-secret\n");
    Map<String, String> env =
        Map.of(
            "MMSKIT_API_KEY", "an-api-key-of-24-characters",
            "MM7_PASSWORD", "a",
            "MM4_PASSWORD", "b",
            "MMSC_IN_PASSWORD", "c",
            "WEBHOOK_SECRET", "d");
    DaemonConfig c = ConfigReader.read(yaml, dir.resolve("gateway.yaml"), env::get);
    assertEquals(List.of(), c.warnings());
    assertEquals(4, c.connections().size());
    assertEquals(3, c.routes().size());
    assertTrue(c.httpListener().isPresent() && c.mm4Listener().isPresent());
    assertEquals(1, c.mm1Listeners().size());
    assertEquals(1, c.webhooks().targets().size());
    assertEquals("gw-1", c.instance().instanceId().orElseThrow());
    assertEquals(java.time.Duration.ofSeconds(60), c.instance().leaseDuration());
  }
}
