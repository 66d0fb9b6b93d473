package org.mmskit.benchmarks;

import java.util.Locale;
import java.util.Optional;
import org.mmskit.core.MmsMessage;
import org.mmskit.mm7.Mm7Client;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.EncodedParts;
import org.mmskit.mm7.internal.KeptArray;
import org.mmskit.mm7.internal.Mm7Body;
import org.mmskit.mm7.internal.Mm7Codec;
import org.mmskit.mm7.internal.Mm7Envelope;
import org.mmskit.mm7.internal.Mm7WriteOptions;

/**
 * Where the client's extra CPU per submit goes under load: beside the raw POST of {@link
 * Mm7ClientLoad}, the raw POST plus reading its SubmitRsp with the MM7 codec, the raw POST plus
 * building and serialising a SubmitReq (as the client does: into one kept array, part text taken
 * from {@code EncodedParts}), and {@code Mm7Client.submit} itself. Each piece is added alone to the
 * raw POST; the four run in rotated order (ABCD, BCDA, ...) after the same warm-up and settling,
 * and the harness prints the median process CPU per request of each.
 *
 * <p>{@code java -cp mms-benchmarks/target/benchmarks.jar org.mmskit.benchmarks.Mm7ClientParts
 * [threads=8] [rounds=5] [seconds=3] [base64|binary]}
 */
public final class Mm7ClientParts {
  private Mm7ClientParts() {}

  /** The array the building piece writes into, kept per thread as the client keeps its own. */
  private static final KeptArray SEND_BUFFER = new KeptArray(4096, 64 * 1024);

  public static void main(String[] args) throws Exception {
    ClientRig.Args a = ClientRig.Args.parse(args);
    int threads = a.threads();
    int rounds = a.rounds();
    int seconds = a.seconds();
    boolean binary = a.binary();
    Mm7WriteOptions options = Mm7WriteOptions.standard().withBinaryParts(binary);
    EncodedParts encoded = new EncodedParts();
    try (ClientRig rig = new ClientRig(binary)) {
      Mm7Client client = rig.client;
      MmsMessage message = rig.message;
      RawHttp raw = rig.raw;
      Mm7ClientLoad.Call[] calls = {
        raw::post,
        raw::postAndRead,
        () -> {
          Mm7Body.SubmitReq req =
              new Mm7Body.SubmitReq(Optional.of("vasp-1"), Optional.of("svc-1"), message);
          SEND_BUFFER.keep(
              Mm7Codec.encodeWhole(
                      Mm7Envelope.of("tx-1", Mm7Version.DEFAULT, req),
                      options,
                      encoded,
                      SEND_BUFFER.atLeast(0),
                      1 << 20)
                  .array());
          raw.post();
        },
        () -> client.submit(message)
      };
      String[] names = {
        "raw POST", "raw POST + reading", "raw POST + building", "Mm7Client.submit"
      };
      for (Mm7ClientLoad.Call call : calls) {
        JitWarmup.untilQuiet(call::run, 3000, 1500, 30_000);
      }
      JitWarmup.settleUnderLoad(
          () -> {
            for (Mm7ClientLoad.Call call : calls) {
              Mm7ClientLoad.run(call, threads, 1);
            }
          },
          15);
      double[][] cpu = new double[calls.length][rounds];
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < calls.length; k++) {
          int which = (r + k) % calls.length;
          cpu[which][r] = Mm7ClientLoad.run(calls[which], threads, seconds)[1];
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%s parts, %d thread(s), process CPU per request (medians of %d rounds):%n",
          binary ? "binary" : "base64",
          threads,
          rounds);
      double base = LoadSupport.median(cpu[0]);
      for (int k = 0; k < calls.length; k++) {
        double m = LoadSupport.median(cpu[k]);
        System.out.printf(
            Locale.ROOT, "  %-22s %6.1f us (%+.1f)%n", names[k], m, k == 0 ? 0.0 : m - base);
      }
    }
  }
}
