package org.mmskit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mmskit} command: decode and build PDUs, send, listen, simulate an MMSC, run a demo.
 */
@Command(
    name = "mmskit",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "MMSKit: send and receive MMS over MM7 and EAIF, and work with binary MMS PDUs.",
    subcommands = {
      PduCommand.class,
      SendCommand.class,
      ListenCommand.class,
      SimulateCommand.class,
      DemoCommand.class,
      ModemCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit status (for tests). */
  public static int run(String... args) {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Reads the project version filtered into the jar at build time. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"mmskit " + p.getProperty("version", "unknown")};
    }
  }
}
