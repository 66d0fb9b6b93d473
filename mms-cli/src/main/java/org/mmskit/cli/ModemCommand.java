package org.mmskit.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mmskit.core.MmsTransportException;
import org.mmskit.mm1.Modem;
import org.mmskit.mm1.ModemInfo;
import org.mmskit.mm1.ModemWay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mmskit modem}: looks at a cellular modem before it is used for MM1. */
@Command(
    name = "modem",
    mixinStandardHelpOptions = true,
    description = "Look at a cellular modem for MM1.",
    subcommands = ModemCommand.Probe.class)
final class ModemCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code mmskit modem probe}: one JSON object about the modem and which MMS way fits. */
  @Command(
      name = "probe",
      mixinStandardHelpOptions = true,
      description = {
        "Ask a modem what it is, how its SIM and network are, and which MMS command sets answer;",
        "print one JSON object with advice on the MM1 way to use."
      },
      footer = "Exit status: 0 probed, 3 the modem could not be opened or did not answer.")
  static final class Probe implements Callable<Integer> {
    @Option(names = "--serial", required = true, paramLabel = "DEV", description = "serial port")
    String serial;

    @Option(names = "--baud", defaultValue = "115200", description = "baud rate")
    int baud;

    @Option(names = "--pin", description = "the SIM PIN, when the SIM asks for one")
    String pin;

    @Override
    public Integer call() {
      Modem.Builder b =
          Modem.builder().serialPort(serial).baudRate(baud).requireRegistration(false);
      if (pin != null) {
        b.pin(pin);
      }
      try (Modem modem = b.open()) {
        System.out.println(Json.write(describe(modem.info())));
        return 0;
      } catch (MmsTransportException e) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("error", e.getMessage());
        System.out.println(Json.write(line));
        return SendCommand.EXIT_TRANSPORT;
      }
    }

    static Map<String, Object> describe(ModemInfo i) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("manufacturer", i.manufacturer());
      j.put("model", i.model());
      j.put("firmware", i.firmware());
      j.put("sim", i.simState());
      j.put("registration", i.registration());
      j.put("operator", i.operator().isEmpty() ? null : i.operator());
      j.put("signal", i.signal().isPresent() ? (Object) (long) i.signal().getAsInt() : null);
      List<Object> sets = new ArrayList<>();
      i.mmsCommandSets().forEach(w -> sets.add(w.name().toLowerCase(Locale.ROOT)));
      j.put("mmsCommandSets", sets);
      j.put("advice", advice(i));
      return j;
    }

    private static String advice(ModemInfo i) {
      if (!i.simState().equals("READY")) {
        return "the SIM is not ready (" + i.simState() + "): give --pin or check the SIM";
      }
      if (!i.registered()) {
        return "not registered on a network (" + i.registration() + "): check antenna and SIM";
      }
      if (i.mmsCommandSets().contains(ModemWay.SIMCOM)) {
        return "use --modem simcom (the modem's own MMS commands), or data-link if the host has"
            + " an IP path on the MMS APN";
      }
      if (i.mmsCommandSets().contains(ModemWay.QUECTEL)) {
        return "use --modem quectel for sending, or data-link if the host has an IP path on the"
            + " MMS APN";
      }
      return "no MMS AT commands: use --modem data-link with an IP path on the MMS APN (PPP on a"
          + " second port, ModemManager, a router); this port then carries the SMS";
    }
  }
}
