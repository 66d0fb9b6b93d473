package org.mmskit.mm7.listener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsListener;
import org.mmskit.core.ReadReply;

/** Keeps what it receives; answers with a configurable function (which may throw). */
final class RecordingListener implements MmsListener {
  final List<Object> received = new CopyOnWriteArrayList<>();
  volatile Function<Object, Acknowledgement> answer = x -> Acknowledgement.ok();

  @Override
  public Acknowledgement onMessage(IncomingMessage message) {
    received.add(message);
    return answer.apply(message);
  }

  @Override
  public Acknowledgement onDeliveryReport(DeliveryReport report) {
    received.add(report);
    return answer.apply(report);
  }

  @Override
  public Acknowledgement onReadReply(ReadReply reply) {
    received.add(reply);
    return answer.apply(reply);
  }

  Object last() {
    return received.get(received.size() - 1);
  }
}
