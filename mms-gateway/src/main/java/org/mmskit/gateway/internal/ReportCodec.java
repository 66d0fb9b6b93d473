package org.mmskit.gateway.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.InboundContext;
import org.mmskit.core.ReadReply;
import org.mmskit.core.ReadStatus;
import org.mmskit.core.Transport;

/**
 * A delivery report or read reply kept in the store until it can be matched, as JSON, version 1:
 * {@code {"v":1, "kind":"DR"|"RR", "id", "to", "from" (addresses as in MessageCodec), "date" (epoch
 * ms), "status" (the enum's name), "raw", "text", "ctx":{"transport", "account", "remote" (an IP
 * literal), "txn", "version", "at" (epoch ms)}}}, absent fields left out. The context's transport
 * details are not kept: a report handed over from the store has none.
 */
final class ReportCodec {
  private static final JsonFactory JSON = new JsonFactory();

  private ReportCodec() {}

  static byte[] write(DeliveryReport r) {
    return write(
        "DR",
        r.messageId(),
        r.recipient(),
        r.sender(),
        r.date(),
        r.status().name(),
        r.rawStatus(),
        r.statusText(),
        r.context());
  }

  static byte[] write(ReadReply r) {
    return write(
        "RR",
        r.messageId(),
        r.recipient(),
        r.sender(),
        r.date(),
        r.status().name(),
        r.rawStatus(),
        r.statusText(),
        r.context());
  }

  private static byte[] write(
      String kind,
      String id,
      Optional<Address> to,
      Optional<Address> from,
      Optional<Instant> date,
      String status,
      String raw,
      Optional<String> text,
      InboundContext ctx) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("v", 1);
      g.writeStringField("kind", kind);
      g.writeStringField("id", id);
      if (to.isPresent()) {
        g.writeFieldName("to");
        MessageCodec.address(g, to.get());
      }
      if (from.isPresent()) {
        g.writeFieldName("from");
        MessageCodec.address(g, from.get());
      }
      if (date.isPresent()) {
        g.writeNumberField("date", date.get().toEpochMilli());
      }
      g.writeStringField("status", status);
      g.writeStringField("raw", raw);
      if (text.isPresent()) {
        g.writeStringField("text", text.get());
      }
      g.writeObjectFieldStart("ctx");
      g.writeStringField("transport", ctx.transport().name());
      if (ctx.account().isPresent()) {
        g.writeStringField("account", ctx.account().get());
      }
      if (ctx.remoteAddress().isPresent()) {
        g.writeStringField("remote", ctx.remoteAddress().get().getHostAddress());
      }
      if (ctx.transactionId().isPresent()) {
        g.writeStringField("txn", ctx.transactionId().get());
      }
      if (ctx.protocolVersion().isPresent()) {
        g.writeStringField("version", ctx.protocolVersion().get());
      }
      g.writeNumberField("at", ctx.receivedAt().toEpochMilli());
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A {@link DeliveryReport} or a {@link ReadReply}. */
  static Object read(byte[] json) {
    String kind = null;
    String id = null;
    Address to = null;
    Address from = null;
    Instant date = null;
    String status = null;
    String raw = null;
    String text = null;
    InboundContext ctx = null;
    try (JsonParser p = JSON.createParser(json)) {
      p.nextToken();
      MessageCodec.expectCurrent(p, JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        switch (f) {
          case "v" -> {
            if (p.getIntValue() != 1) {
              throw new IllegalArgumentException("stored report of unknown version " + p.getText());
            }
          }
          case "kind" -> kind = p.getText();
          case "id" -> id = p.getText();
          case "to" -> to = MessageCodec.address(p);
          case "from" -> from = MessageCodec.address(p);
          case "date" -> date = Instant.ofEpochMilli(p.getLongValue());
          case "status" -> status = p.getText();
          case "raw" -> raw = p.getText();
          case "text" -> text = p.getText();
          case "ctx" -> ctx = context(p);
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (kind == null || id == null || status == null || raw == null || ctx == null) {
      throw new IllegalArgumentException("stored report lacks a field");
    }
    if (kind.equals("RR")) {
      return new ReadReply(
          id,
          Optional.ofNullable(to),
          Optional.ofNullable(from),
          Optional.ofNullable(date),
          ReadStatus.valueOf(status),
          raw,
          Optional.ofNullable(text),
          ctx);
    }
    return new DeliveryReport(
        id,
        Optional.ofNullable(to),
        Optional.ofNullable(from),
        Optional.ofNullable(date),
        DeliveryStatus.valueOf(status),
        raw,
        Optional.ofNullable(text),
        ctx);
  }

  private static InboundContext context(JsonParser p) throws IOException {
    MessageCodec.expectCurrent(p, JsonToken.START_OBJECT);
    Transport transport = null;
    String account = null;
    InetAddress remote = null;
    String txn = null;
    String version = null;
    Instant at = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      p.nextToken();
      switch (f) {
        case "transport" -> transport = Transport.valueOf(p.getText());
        case "account" -> account = p.getText();
        // an IP literal: no name is looked up
        case "remote" -> remote = InetAddress.getByName(p.getText());
        case "txn" -> txn = p.getText();
        case "version" -> version = p.getText();
        case "at" -> at = Instant.ofEpochMilli(p.getLongValue());
        default -> p.skipChildren();
      }
    }
    if (transport == null || at == null) {
      throw new IllegalArgumentException("stored report context lacks its transport or time");
    }
    return new InboundContext(
        transport,
        Optional.ofNullable(account),
        Optional.ofNullable(remote),
        Optional.ofNullable(txn),
        Optional.ofNullable(version),
        at,
        List.of());
  }
}
