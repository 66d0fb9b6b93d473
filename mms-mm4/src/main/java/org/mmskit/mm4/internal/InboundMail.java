package org.mmskit.mm4.internal;

import java.util.Optional;
import org.mmskit.mm4.Mm4MessageType;

/**
 * A received MM4 mail, read.
 *
 * @param type the message type; empty for a plain e-mail
 * @param transactionId the transaction ID, unquoted, if any
 * @param messageId the {@code X-Mms-Message-ID}, unquoted, if any
 * @param ackRequested whether the sender asked for a {@code .RES}
 * @param replyTo where a {@code .RES} goes: the originator system, else the sender
 * @param payload an {@code IncomingMessage}, {@code DeliveryReport}, {@code ReadReply} or {@code
 *     Mm4Response}
 */
public record InboundMail(
    Optional<Mm4MessageType> type,
    Optional<String> transactionId,
    Optional<String> messageId,
    boolean ackRequested,
    Optional<String> replyTo,
    Object payload) {}
