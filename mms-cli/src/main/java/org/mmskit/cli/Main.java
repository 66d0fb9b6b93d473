package org.mmskit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mmskit} command: decode and build PDUs, send, probe an MMSC, listen, simulate an MMSC,
 * run a demo.
 */
@Command(
    name = "mmskit",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "MMSKit: send and receive MMS over MM7, EAIF and MM4, and work with binary MMS PDUs.",
    subcommands = {
      PduCommand.class,
      SendCommand.class,
      ProbeCommand.class,
      ListenCommand.class,
      SimulateCommand.class,
      DemoCommand.class,
      ModemCommand.class,
      GatewayCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit status (for tests). */
  public static int run(String... args) {
    return new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(Main::badCommandLine)
        .setExecutionExceptionHandler(Main::failed)
        .execute(args);
  }

  /**
   * A bad command line gets one line naming the problem (a wrong choice lists the valid ones) and
   * where the usage is, not the whole usage.
   */
  private static int badCommandLine(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    String name = cl.getCommandSpec().qualifiedName();
    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("bad command line");
    CommandLine.ParseResult parsed = cl.getParseResult();
    if (!(e instanceof CommandLine.UnmatchedArgumentException)
        && parsed != null
        && !parsed.unmatched().isEmpty()) {
      // An unknown option explains the rest (e.g. "missing --to" after a misspelt --to).
      message = "Unknown option or argument: '" + parsed.unmatched().get(0) + "'";
    }
    if (e instanceof CommandLine.UnmatchedArgumentException u) {
      List<String> suggestions = u.getSuggestions();
      if (!suggestions.isEmpty()) {
        message += "; did you mean " + String.join(" or ", suggestions) + "?";
      }
    }
    cl.getErr().println(name + ": " + message + " (see " + name + " --help)");
    cl.getErr().flush();
    return 2;
  }

  /** A failure no command handled: its cause in words, without a stack trace. */
  private static int failed(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + Errors.describe(e));
    cl.getErr().flush();
    return 1;
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
