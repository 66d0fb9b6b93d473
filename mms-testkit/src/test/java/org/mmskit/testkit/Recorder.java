package org.mmskit.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsListener;
import org.mmskit.core.ReadReply;

/** An application listener that keeps everything it is given. */
final class Recorder implements MmsListener {
  final List<IncomingMessage> messages = new CopyOnWriteArrayList<>();
  final List<DeliveryReport> reports = new CopyOnWriteArrayList<>();
  final List<ReadReply> readReplies = new CopyOnWriteArrayList<>();

  @Override
  public Acknowledgement onMessage(IncomingMessage message) {
    messages.add(message);
    return Acknowledgement.ok();
  }

  @Override
  public Acknowledgement onDeliveryReport(DeliveryReport report) {
    reports.add(report);
    return Acknowledgement.ok();
  }

  @Override
  public Acknowledgement onReadReply(ReadReply reply) {
    readReplies.add(reply);
    return Acknowledgement.ok();
  }
}
