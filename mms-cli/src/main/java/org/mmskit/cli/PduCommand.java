package org.mmskit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mmskit pdu}: binary MMS PDUs. */
@Command(
    name = "pdu",
    mixinStandardHelpOptions = true,
    description = "Decode and build binary MMS PDUs (OMA MMS Encapsulation).",
    subcommands = {PduDecodeCommand.class, PduEncodeCommand.class})
final class PduCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
