package org.mmskit.testkit.mm1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mmskit.mm1.internal.JSerialLink;
import org.mmskit.mm1.internal.SerialLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GSM modem for tests, on the far end of a {@link PtyPair}: it speaks the 3GPP TS 27.007 and
 * 27.005 basics in PDU mode (identification, SIM PIN, registration, signal, operator, {@code
 * AT+CLAC}, {@code AT+CMGF}, {@code AT+CNMI}, {@code AT+CMGL}, {@code AT+CMGR}, {@code AT+CMGD}),
 * keeps an SMS store, and announces delivered SMS with {@code +CMTI}. Tests script it: answers,
 * delays, a URC in the middle of an answer, a reset instead of an answer.
 *
 * <p>With {@link #simcom()} it also takes SIMCom's MMS commands ({@code AT+CMMSINIT}, {@code
 * AT+CMMSCURL}, {@code AT+SAPBR}, {@code AT+CMMSEDIT}, {@code AT+CMMSDOWN}, {@code AT+CMMSRECP},
 * {@code AT+CMMSSEND} answered {@code OK} and then {@code +CMMSSEND: <result>}) and records each
 * message sent as a {@link ModemMms}; with {@link #quectel()} Quectel's ({@code AT+QICSGP}, {@code
 * AT+QIACT}, {@code AT+QMMSCFG}, {@code AT+QMMSEDIT}, {@code AT+QFUPL} to RAM, {@code AT+QMMSEND}
 * answered {@code OK} and then {@code +QMMSEND: <err>,<http>}). Receiving, it fetches from the MMSC
 * over loopback HTTP as the modems do: SIMCom's {@code AT+CMMSRECV}, {@code AT+CMMSREAD} and HTTP
 * commands ({@link SimcomReceiving}), Quectel's HTTP commands ({@link QuectelHttp}).
 */
public final class ModemSimulator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModemSimulator.class);

  private final SerialLink link;
  private final Thread thread;
  private final TreeMap<Integer, byte[]> store = new TreeMap<>();
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private final Map<String, List<String>> answers = new ConcurrentHashMap<>();
  private final Map<String, List<String>> nextAnswers = new ConcurrentHashMap<>();
  private final SimcomReceiving simcomReceiving = new SimcomReceiving(this);
  private final QuectelHttp quectelHttp = new QuectelHttp(this);
  private PayloadSink payloadSink;
  private final Map<String, Duration> delays = new ConcurrentHashMap<>();
  private final Map<String, String> urcInAnswer = new ConcurrentHashMap<>();
  private final Map<String, Boolean> resets = new ConcurrentHashMap<>();
  private final int capacity;
  private volatile boolean echo = true;
  private volatile String pin;
  private volatile boolean pinEntered;
  private volatile int registration = 1;
  private volatile boolean closed;
  private volatile boolean simcom;
  private volatile boolean quectel;
  private volatile String quectelResult = "0,200";
  private final Map<String, byte[]> ram = new ConcurrentHashMap<>();
  private String uploadName;
  private volatile int simcomResult;
  private final List<ModemMms> modemSent = new CopyOnWriteArrayList<>();
  private ModemMms editing;
  private int payloadLeft = -1;
  private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
  private String payloadKind;

  /**
   * A message the modem was told to send with a vendor's MMS commands.
   *
   * @param title the title, if any
   * @param texts the text parts (SIMCom TEXT downloads, Quectel .txt attachments)
   * @param attachments the other parts (SIMCom PIC downloads, Quectel attachments)
   * @param recipients the To, Cc and Bcc numbers
   * @param settings the MMSC URL, proxy and APN set before the send
   */
  public record ModemMms(
      String title,
      List<String> texts,
      List<byte[]> attachments,
      List<String> recipients,
      List<String> settings) {}

  private ModemSimulator(SerialLink link, int capacity) {
    this.link = link;
    this.capacity = capacity;
    this.thread = new Thread(this::run, "modem-simulator");
    thread.setDaemon(true);
    thread.start();
  }

  /** Opens the modem end of a pty pair with a 30-message SMS store. */
  public static ModemSimulator attach(String port) throws IOException {
    return new ModemSimulator(JSerialLink.open(port, 115200, Duration.ofMillis(100)), 30);
  }

  // ---- scripting ----

  /** The SIM asks for this PIN before anything else works. */
  public ModemSimulator requirePin(String pin) {
    this.pin = pin;
    this.pinEntered = false;
    return this;
  }

  /** Takes SIMCom's MMS commands; sends end with {@code +CMMSSEND: result} (0 is success). */
  public ModemSimulator simcom() {
    this.simcom = true;
    return this;
  }

  /** The result the next SIMCom sends report (0 sent, anything else an error). */
  public ModemSimulator simcomSendResult(int result) {
    this.simcomResult = result;
    return this;
  }

  /** Takes Quectel's MMS commands; sends end with {@code +QMMSEND: result,http}. */
  public ModemSimulator quectel() {
    this.quectel = true;
    return this;
  }

  /** The {@code +QMMSEND} result of the next Quectel sends, e.g. {@code "0,200"}. */
  public ModemSimulator quectelSendResult(String result) {
    this.quectelResult = result;
    return this;
  }

  /**
   * Whether Quectel's {@code +QHTTPGET} leaves the body's length out, as for a chunked answer, so
   * that the program has to store the body in a RAM file to read it.
   */
  public ModemSimulator quectelWithoutLength(boolean withoutLength) {
    quectelHttp.withoutLength(withoutLength);
    return this;
  }

  /** The messages sent with a vendor's MMS commands, in order. */
  public List<ModemMms> modemSent() {
    return List.copyOf(modemSent);
  }

  /** The {@code +CREG} stat: 1 home, 5 roaming, 2 searching, 3 denied. */
  public ModemSimulator registration(int stat) {
    this.registration = stat;
    return this;
  }

  /** Answers a command (matched exactly) with these lines, the last being the final result. */
  public ModemSimulator answer(String command, String... lines) {
    answers.put(command, List.of(lines));
    return this;
  }

  /**
   * Answers the next command that starts with {@code prefix} with these lines instead of doing it,
   * once: e.g. {@code answerNext("AT+QHTTPREAD", "+CME ERROR: 703")} for a modem failing in the
   * middle of a fetch.
   */
  public ModemSimulator answerNext(String prefix, String... lines) {
    nextAnswers.put(prefix, List.of(lines));
    return this;
  }

  /** Waits this long before answering commands that start with {@code prefix}. */
  public ModemSimulator delay(String prefix, Duration delay) {
    delays.put(prefix, delay);
    return this;
  }

  /** Puts an unsolicited line in the middle of the next answer to a command with this prefix. */
  public ModemSimulator urcInNextAnswer(String prefix, String urc) {
    urcInAnswer.put(prefix, urc);
    return this;
  }

  /** Resets instead of answering the next command with this prefix: {@code RDY}, echo on. */
  public ModemSimulator resetOnNext(String prefix) {
    resets.put(prefix, Boolean.TRUE);
    return this;
  }

  /** Stores SMS-DELIVER PDUs (with SMSC address) and announces each with {@code +CMTI}. */
  public List<Integer> deliver(List<byte[]> pdus) throws IOException {
    List<Integer> at = store(pdus);
    for (int i : at) {
      send("\r\n+CMTI: \"SM\"," + i + "\r\n");
    }
    return at;
  }

  /** Stores SMS silently, as if they came while the program was not running. */
  public synchronized List<Integer> store(List<byte[]> pdus) {
    List<Integer> at = new ArrayList<>();
    for (byte[] p : pdus) {
      int i = 0;
      while (store.containsKey(i)) {
        i++;
      }
      if (i >= capacity) {
        throw new IllegalStateException("SMS store full");
      }
      store.put(i, p.clone());
      at.add(i);
    }
    return at;
  }

  /** A copy of the SMS store: index to PDU. */
  public synchronized Map<Integer, byte[]> stored() {
    return new TreeMap<>(store);
  }

  /** Every command line received, in order. */
  public List<String> commands() {
    return List.copyOf(commands);
  }

  /** Sends raw text to the program, e.g. an unsolicited line. */
  public void send(String raw) throws IOException {
    link.write(raw.getBytes(StandardCharsets.ISO_8859_1));
  }

  // ---- the modem ----

  private void run() {
    byte[] buf = new byte[1024];
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      while (!closed) {
        int n = link.read(buf);
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (payloadLeft > 0) {
            payload.write(b);
            if (--payloadLeft == 0) {
              payloadDone();
            }
            continue;
          }
          if (b == '\r') {
            String cmd = line.toString(StandardCharsets.ISO_8859_1).strip();
            line.reset();
            if (!cmd.isEmpty()) {
              handle(cmd);
            }
          } else if (b != '\n') {
            line.write(b);
          }
        }
      }
    } catch (IOException e) {
      if (!closed) {
        log.debug("simulator port went away: {}", e.getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(String cmd) throws IOException, InterruptedException {
    commands.add(cmd);
    if (echo) {
      send(cmd + "\r");
    }
    for (Map.Entry<String, Boolean> r : resets.entrySet()) {
      if (cmd.startsWith(r.getKey()) && resets.remove(r.getKey()) != null) {
        echo = true;
        send("\r\nRDY\r\n");
        return;
      }
    }
    for (Map.Entry<String, Duration> d : delays.entrySet()) {
      if (cmd.startsWith(d.getKey())) {
        Thread.sleep(d.getValue().toMillis()); // a slow modem, as scripted
      }
    }
    List<String> out = null;
    for (String prefix : nextAnswers.keySet()) {
      if (cmd.startsWith(prefix)) {
        out = nextAnswers.remove(prefix);
      }
    }
    if (out == null) {
      out = answers.containsKey(cmd) ? answers.get(cmd) : respond(cmd);
    }
    String urc = null;
    for (String prefix : urcInAnswer.keySet()) {
      if (cmd.startsWith(prefix)) {
        urc = urcInAnswer.remove(prefix);
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < out.size(); i++) {
      if (urc != null && i == out.size() / 2) {
        sb.append("\r\n").append(urc).append("\r\n");
      }
      sb.append("\r\n").append(out.get(i)).append("\r\n");
    }
    send(sb.toString());
  }

  private List<String> respond(String cmd) throws IOException {
    String c = cmd.toUpperCase(java.util.Locale.ROOT);
    List<String> received = simcom ? simcomReceiving.handle(cmd, c) : null;
    if (received == null && quectel) {
      received = quectelHttp.handle(cmd, c);
    }
    if (received != null) {
      return received;
    }
    if (simcom && (c.startsWith("AT+CMMS") || c.startsWith("AT+SAPBR"))) {
      return simcomCommand(cmd, c);
    }
    if (quectel && (c.startsWith("AT+QMMS") || c.startsWith("AT+QI") || c.startsWith("AT+QF"))) {
      return quectelCommand(cmd, c);
    }
    if (c.equals("AT")) {
      return List.of("OK");
    }
    if (c.equals("ATE0") || c.equals("ATE1")) {
      echo = c.equals("ATE1");
      return List.of("OK");
    }
    if (c.startsWith("AT+CPIN=")) {
      String given = cmd.substring(8).replace("\"", "");
      if (pin != null && pin.equals(given)) {
        pinEntered = true;
        return List.of("OK");
      }
      return List.of("+CME ERROR: 16");
    }
    if (c.equals("AT+CPIN?")) {
      return List.of("+CPIN: " + (pin == null || pinEntered ? "READY" : "SIM PIN"), "OK");
    }
    if (pin != null && !pinEntered && !c.startsWith("AT+CMEE") && !c.startsWith("AT+CG")) {
      return List.of("+CME ERROR: 11");
    }
    switch (c) {
      case "AT+CMEE=1":
      case "AT+CMGF=0":
        return List.of("OK");
      case "AT+CGMI":
        return List.of("MMSKit", "OK");
      case "AT+CGMM":
        return List.of("ModemSimulator", "OK");
      case "AT+CGMR":
        return List.of("1.0", "OK");
      case "AT+CREG?":
        return List.of("+CREG: 0," + registration, "OK");
      case "AT+CSQ":
        return List.of("+CSQ: 23,99", "OK");
      case "AT+COPS?":
        return List.of("+COPS: 0,0,\"Simulated\",7", "OK");
      case "AT+CLAC":
        return simcom
            ? List.of("AT+CGMI", "AT+CMGL", "AT+CMGD", "AT+CMMSINIT", "AT+CMMSSEND", "OK")
            : quectel
                ? List.of("AT+CGMI", "AT+CMGL", "AT+CMGD", "AT+QMMSCFG", "AT+QMMSEND", "OK")
                : List.of("AT+CGMI", "AT+CMGL", "AT+CMGD", "OK");
      case "AT+CMGL=4":
        return list();
      default:
        break;
    }
    if (c.startsWith("AT+CNMI=")) {
      return List.of("OK");
    }
    if (c.startsWith("AT+CMGD=")) {
      return delete(cmd.substring(8));
    }
    if (c.startsWith("AT+CMGR=")) {
      return read(cmd.substring(8));
    }
    return List.of("ERROR");
  }

  private final List<String> simcomSettings = new CopyOnWriteArrayList<>();
  private volatile boolean bearerOpen;

  private List<String> simcomCommand(String cmd, String c) throws IOException {
    if (c.equals("AT+CMMSINIT") || c.equals("AT+CMMSTERM")) {
      return List.of("OK");
    }
    if (c.startsWith("AT+CMMSCURL=")
        || c.startsWith("AT+CMMSPROTO=")
        || c.startsWith("AT+CMMSCID=")
        || c.startsWith("AT+SAPBR=3,1,")) {
      simcomSettings.add(cmd.substring(3));
      return List.of("OK");
    }
    if (c.equals("AT+SAPBR=2,1")) {
      return List.of("+SAPBR: 1," + (bearerOpen ? "1,\"10.1.2.3\"" : "3,\"0.0.0.0\""), "OK");
    }
    if (c.equals("AT+SAPBR=1,1")) {
      bearerOpen = true;
      return List.of("OK");
    }
    if (c.equals("AT+CMMSEDIT=1")) {
      editing =
          new ModemMms(
              null,
              new ArrayList<>(),
              new ArrayList<>(),
              new ArrayList<>(),
              List.copyOf(simcomSettings));
      return List.of("OK");
    }
    if (c.equals("AT+CMMSEDIT=0")) {
      editing = null;
      return List.of("OK");
    }
    if (editing == null) {
      return List.of("ERROR");
    }
    if (c.startsWith("AT+CMMSDOWN=")) {
      String[] a = cmd.substring(12).split(",");
      payloadKind = a[0].replace("\"", "");
      payloadLeft = Integer.parseInt(a[1].strip());
      payload.reset();
      return List.of("CONNECT");
    }
    if (c.startsWith("AT+CMMSRECP=") || c.startsWith("AT+CMMSCC=") || c.startsWith("AT+CMMSBCC=")) {
      editing.recipients().add(cmd.substring(cmd.indexOf('=') + 1).replace("\"", ""));
      return List.of("OK");
    }
    if (c.equals("AT+CMMSSEND")) {
      if (editing.recipients().isEmpty()) {
        return List.of("+CME ERROR: 3");
      }
      modemSent.add(editing);
      send("\r\nOK\r\n");
      return List.of("+CMMSSEND: " + simcomResult);
    }
    return List.of("ERROR");
  }

  private List<String> quectelCommand(String cmd, String c) throws IOException {
    if (c.startsWith("AT+QICSGP=") || c.startsWith("AT+QMMSCFG=")) {
      simcomSettings.add(cmd.substring(3));
      return List.of("OK");
    }
    if (c.equals("AT+QIACT?")) {
      return bearerOpen ? List.of("+QIACT: 1,1,1,\"10.1.2.3\"", "OK") : List.of("OK");
    }
    if (c.equals("AT+QIACT=1")) {
      bearerOpen = true;
      return List.of("OK");
    }
    if (c.startsWith("AT+QFDEL=")) {
      ram.clear();
      return List.of("OK");
    }
    if (c.startsWith("AT+QFUPL=")) {
      String[] a = cmd.substring(9).split(",");
      uploadName = a[0].replace("\"", "");
      payloadKind = "QFUPL";
      payloadLeft = Integer.parseInt(a[1].strip());
      payload.reset();
      return List.of("CONNECT");
    }
    if (c.equals("AT+QMMSEDIT=0")) {
      editing =
          new ModemMms(
              null,
              new ArrayList<>(),
              new ArrayList<>(),
              new ArrayList<>(),
              List.copyOf(simcomSettings));
      return List.of("OK");
    }
    if (c.startsWith("AT+QMMSEDIT=")) {
      String[] a = cmd.substring(12).split(",", 3);
      String value = a.length > 2 ? a[2].replace("\"", "") : "";
      switch (a[0]) {
        case "1", "2", "3" -> editing.recipients().add(value);
        case "4" ->
            editing =
                new ModemMms(
                    value,
                    editing.texts(),
                    editing.attachments(),
                    editing.recipients(),
                    editing.settings());
        case "5" -> {
          byte[] f = ram.get(value);
          if (f == null) {
            return List.of("+CME ERROR: 405");
          }
          if (value.endsWith(".txt")) {
            editing.texts().add(new String(f, StandardCharsets.UTF_8));
          } else {
            editing.attachments().add(f);
          }
        }
        default -> {
          return List.of("ERROR");
        }
      }
      return List.of("OK");
    }
    if (c.startsWith("AT+QMMSEND=")) {
      if (editing == null || editing.recipients().isEmpty()) {
        return List.of("+CME ERROR: 3");
      }
      modemSent.add(editing);
      send("\r\nOK\r\n");
      return List.of("+QMMSEND: " + quectelResult);
    }
    return List.of("ERROR");
  }

  private void payloadDone() throws IOException {
    byte[] body = payload.toByteArray();
    payloadLeft = -1;
    if (payloadSink != null) {
      PayloadSink sink = payloadSink;
      payloadSink = null;
      sink.accept(body);
      return;
    }
    if (payloadKind.equals("QFUPL")) {
      ram.put(uploadName, body);
      send("\r\n+QFUPL: " + body.length + ",0\r\n\r\nOK\r\n");
      return;
    }
    switch (payloadKind) {
      case "TITLE":
        editing =
            new ModemMms(
                new String(body, StandardCharsets.UTF_8),
                editing.texts(),
                editing.attachments(),
                editing.recipients(),
                editing.settings());
        break;
      case "TEXT":
        editing.texts().add(new String(body, StandardCharsets.UTF_8));
        break;
      default:
        editing.attachments().add(body);
    }
    send("\r\nOK\r\n");
  }

  // ---- for the vendors' receiving commands ----

  /** What a command that asked for a payload does with it. */
  interface PayloadSink {
    void accept(byte[] payload) throws IOException;
  }

  /** Takes the next {@code length} bytes from the program as a payload (after a prompt). */
  void expectPayload(int length, PayloadSink sink) throws IOException {
    payload.reset();
    if (length == 0) {
      sink.accept(new byte[0]);
      return;
    }
    payloadSink = sink;
    payloadLeft = length;
  }

  /** Sends raw bytes to the program. */
  void sendBytes(byte[] raw) throws IOException {
    link.write(raw);
  }

  /** The modem's RAM files (Quectel's {@code RAM:} names). */
  Map<String, byte[]> ram() {
    return ram;
  }

  /** Whether the SIMCom bearer or the Quectel context is open. */
  boolean bearerOpen() {
    return bearerOpen;
  }

  /** The settings given so far (MMSC URL, proxy, APN), as the commands' arguments. */
  List<String> settings() {
    return List.copyOf(simcomSettings);
  }

  private synchronized List<String> list() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<Integer, byte[]> e : store.entrySet()) {
      out.add("+CMGL: " + e.getKey() + ",1,," + tpduLength(e.getValue()));
      out.add(HexFormat.of().withUpperCase().formatHex(e.getValue()));
    }
    out.add("OK");
    return out;
  }

  private synchronized List<String> read(String arg) {
    try {
      byte[] p = store.get(Integer.parseInt(arg.strip()));
      if (p == null) {
        return List.of("+CMS ERROR: 321");
      }
      return List.of(
          "+CMGR: 1,," + tpduLength(p), HexFormat.of().withUpperCase().formatHex(p), "OK");
    } catch (NumberFormatException e) {
      return List.of("+CMS ERROR: 302");
    }
  }

  private synchronized List<String> delete(String arg) {
    try {
      int index = Integer.parseInt(arg.split(",")[0].strip());
      if (index < 0 || index >= capacity) {
        return List.of("+CMS ERROR: 321");
      }
      store.remove(index); // deleting an empty slot is OK, as on real modems
      return List.of("OK");
    } catch (NumberFormatException e) {
      return List.of("+CMS ERROR: 302");
    }
  }

  private static int tpduLength(byte[] pdu) {
    return pdu.length - 1 - (pdu[0] & 0xFF);
  }

  @Override
  public void close() {
    closed = true;
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    link.close();
  }

  @Override
  public String toString() {
    return "ModemSimulator[" + Objects.toString(link.name()) + "]";
  }
}
