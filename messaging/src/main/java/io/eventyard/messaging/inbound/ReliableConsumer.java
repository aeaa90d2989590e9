package io.eventyard.messaging.inbound;

import io.eventyard.messaging.deadletter.PoisonMessages;
import io.eventyard.messaging.inbox.Inbox;
import io.eventyard.messaging.tracing.MessageTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;
import io.micronaut.transaction.TransactionOperations;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every service consumes: read and validate, de-duplicate on the message id, apply the effect in a
 * transaction together with the inbox record, and acknowledge only after that transaction has committed.
 *
 * <ul>
 *   <li>Poison (unreadable, invalid, no message id): parked in {@code shop.dead} with the reason, then acked.</li>
 *   <li>Already processed (a redelivery or a duplicate): acked, no effect.</li>
 *   <li>The effect fails: requeued once, for a passing fault such as a lost database connection; if the
 *       redelivery fails too, parked in {@code shop.dead} with the error. Bounded, never a redelivery loop.</li>
 * </ul>
 * The inbox key is the queue name and the message id: each queue has exactly one consuming service.
 */
@Singleton
public class ReliableConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ReliableConsumer.class);

    private final MessageReader reader;
    private final Inbox inbox;
    private final PoisonMessages poison;
    private final TransactionOperations<Connection> transactions;
    private final MessageTracing tracing;
    private final MeterRegistry meters;

    public ReliableConsumer(MessageReader reader, Inbox inbox, PoisonMessages poison,
                            TransactionOperations<Connection> transactions, MessageTracing tracing,
                            MeterRegistry meters) {
        this.reader = reader;
        this.inbox = inbox;
        this.poison = poison;
        this.transactions = transactions;
        this.tracing = tracing;
        this.meters = meters;
    }

    public <T> void consume(InboundMessage message, Class<T> type, RabbitAcknowledgement ack,
                            MessageEffect<T> effect) {
        Span span = tracing.startConsumerSpan(message.queue(), message.routingKey(), message.messageId(),
                message.header(MessageTracing.TRACEPARENT).orElse(null));
        try (Scope ignored = span.makeCurrent(); LogContext logContext = LogContext.of(message, span)) {
            T value;
            try {
                value = reader.read(message, type);
            } catch (PoisonMessageException e) {
                park(message, e.getMessage(), ack);
                return;
            }
            boolean applied;
            try {
                applied = transactions.executeWrite(status -> {
                    if (inbox.alreadyProcessed(message.queue(), message.messageId())) {
                        return false;
                    }
                    effect.apply(value, message);
                    inbox.record(message.queue(), message.messageId());
                    return true;
                });
            } catch (Exception e) {
                span.recordException(e);
                span.setStatus(StatusCode.ERROR);
                failed(message, rootCause(e), ack);
                return;
            }
            ack.ack();
            count(message, applied ? "processed" : "duplicate");
            LOG.debug("{} {} from {}", applied ? "processed" : "skipped duplicate", message.messageId(),
                    message.queue());
        } finally {
            span.end();
        }
    }

    private void failed(InboundMessage message, Throwable cause, RabbitAcknowledgement ack) {
        if (cause instanceof PoisonMessageException) {
            park(message, cause.getMessage(), ack);
        } else if (!message.envelope().isRedeliver()) {
            LOG.warn("handling {} from {} failed ({}); requeued for one more try", message.messageId(),
                    message.queue(), cause.toString());
            ack.nack(false, true);
            count(message, "requeued");
        } else {
            LOG.error("handling {} from {} failed again; parking it", message.messageId(), message.queue(), cause);
            park(message, "failed twice: " + cause, ack);
        }
    }

    private void park(InboundMessage message, String reason, RabbitAcknowledgement ack) {
        try {
            poison.park(message, reason);
            ack.ack();
            count(message, "parked");
            LOG.warn("parked {} from {} in shop.dead: {}", message.messageId(), message.queue(), reason);
        } catch (IOException e) {
            // shop.dead is not reachable: the queue's own dead-letter exchange takes it instead of a loop.
            LOG.error("could not park {} ({}); rejecting it to the queue's dead-letter exchange",
                    message.messageId(), e.toString());
            ack.nack(false, false);
            count(message, "rejected");
        }
    }

    private void count(InboundMessage message, String outcome) {
        meters.counter("eventyard.messages.consumed", "queue", message.queue(), "outcome", outcome).increment();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause
                && !(cause instanceof PoisonMessageException)) {
            cause = cause.getCause();
        }
        return cause;
    }
}
