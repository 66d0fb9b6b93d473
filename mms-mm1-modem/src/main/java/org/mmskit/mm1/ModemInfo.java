package org.mmskit.mm1;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a modem says about itself and its network at start-up.
 *
 * @param manufacturer {@code AT+CGMI}
 * @param model {@code AT+CGMM}
 * @param firmware {@code AT+CGMR}
 * @param simState {@code AT+CPIN?}: {@code READY}, {@code SIM PIN}, ... or the error the modem gave
 * @param registration {@code AT+CREG?} stat in words: {@code home}, {@code roaming}, {@code
 *     searching}, {@code denied}, {@code not registered}, {@code unknown}
 * @param operator {@code AT+COPS?} operator name, empty when not given
 * @param signal {@code AT+CSQ} RSSI (0-31), empty when unknown (99)
 * @param mmsCommandSets the vendor MMS command sets that answer: {@code simcom}, {@code quectel}
 */
public record ModemInfo(
    String manufacturer,
    String model,
    String firmware,
    String simState,
    String registration,
    String operator,
    OptionalInt signal,
    List<ModemWay> mmsCommandSets) {
  public ModemInfo {
    Objects.requireNonNull(manufacturer, "manufacturer");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(firmware, "firmware");
    Objects.requireNonNull(simState, "simState");
    Objects.requireNonNull(registration, "registration");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(signal, "signal");
    mmsCommandSets = List.copyOf(mmsCommandSets);
  }

  /** True when the modem is registered on its home network or roaming. */
  public boolean registered() {
    return registration.equals("home") || registration.equals("roaming");
  }
}
