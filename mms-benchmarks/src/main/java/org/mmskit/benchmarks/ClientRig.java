package org.mmskit.benchmarks;

import java.io.IOException;
import org.mmskit.core.MmsMessage;
import org.mmskit.mm7.Mm7Client;

/**
 * What the client load harnesses share: a {@link StubMmsc}, an {@code Mm7Client} for it, the sample
 * message, and a {@link RawHttp} posting the exact bytes of the client's first submit.
 */
final class ClientRig implements AutoCloseable {
  final StubMmsc stub;
  final Mm7Client client;
  final MmsMessage message;
  final StubMmsc.Request request;
  final RawHttp raw;

  /** Starts the stub and both clients; {@code binary} sends parts unencoded. */
  ClientRig(boolean binary) throws IOException {
    this.message = Mm7Samples.message();
    this.stub = StubMmsc.start();
    Mm7Client c = null;
    try {
      c = Mm7Samples.client(stub).binaryParts(binary).build();
      this.request = Mm7Samples.firstRequest(c, stub, message);
      this.raw =
          new RawHttp(stub.uri(), request.body(), request.contentType(), request.soapAction(), 16);
    } catch (RuntimeException e) {
      if (c != null) {
        c.close();
      }
      stub.close();
      throw e;
    }
    this.client = c;
  }

  /**
   * Threads, rounds, seconds per round and the part encoding from a harness's arguments; {@code
   * fresh} (base64) changes the image before each submit.
   */
  record Args(int threads, int rounds, int seconds, boolean binary, boolean fresh) {
    static Args parse(String[] args) {
      String mode = args.length > 3 ? args[3] : "base64";
      if (!mode.equals("base64") && !mode.equals("binary") && !mode.equals("fresh")) {
        throw new IllegalArgumentException("base64, binary or fresh expected: " + mode);
      }
      return new Args(
          args.length > 0 ? Integer.parseInt(args[0]) : 8,
          args.length > 1 ? Integer.parseInt(args[1]) : 5,
          args.length > 2 ? Integer.parseInt(args[2]) : 3,
          mode.equals("binary"),
          mode.equals("fresh"));
    }
  }

  @Override
  public void close() throws IOException {
    try {
      raw.close();
    } finally {
      try {
        client.close();
      } finally {
        stub.close();
      }
    }
  }
}
