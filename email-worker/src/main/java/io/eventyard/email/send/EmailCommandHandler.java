package io.eventyard.email.send;

import com.rabbitmq.client.ShutdownSignalException;
import io.eventyard.email.deadletter.EmailParking;
import io.eventyard.email.retry.RetrySchedule;
import io.eventyard.email.smtp.MailDeliveryException;
import io.eventyard.email.template.EmailTemplate;
import io.eventyard.messaging.deadletter.PoisonMessages;
import io.eventyard.messaging.inbound.InboundMessage;
import io.eventyard.messaging.inbound.LogContext;
import io.eventyard.messaging.inbound.MessageReader;
import io.eventyard.messaging.inbound.PoisonMessageException;
import io.eventyard.messaging.topology.ShopQueues;
import io.eventyard.messaging.tracing.MessageTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.messaging.exceptions.MessageAcknowledgementException;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What happens to one {@code email.send} delivery. Every path ends in exactly one ack or reject:
 *
 * <ul>
 *   <li>not JSON, invalid, or lacking a model key its template needs: parked in shop.dead, acked;</li>
 *   <li>a turn of the retry loop that is not an attempt ({@link RetrySchedule}): rejected again, no SMTP;</li>
 *   <li>mailed now, or mailed before (inbox): acked;</li>
 *   <li>a transient failure before the last attempt: rejected without requeue, so the queue
 *       dead-letters it into email.retry, whose TTL sends it back here;</li>
 *   <li>a permanent failure, or a transient one at the last attempt: parked in email.dead with the
 *       reason, then acked.</li>
 * </ul>
 * If parking itself fails the delivery is rejected into the retry loop: it comes back one TTL later
 * and is parked then, rather than lost.
 *
 * <p>This is the kit's {@code ReliableConsumer} taken apart, because mail needs what it does not do:
 * SMTP cannot take part in the database transaction, and a failure is retried with a delay instead
 * of being requeued at once.
 */
@Singleton
public class EmailCommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(EmailCommandHandler.class);
    private static final String EXPIRED = "expired";

    private final MessageReader reader;
    private final PoisonMessages poisonMessages;
    private final MailDelivery delivery;
    private final EmailParking parking;
    private final RetrySchedule schedule;
    private final MessageTracing tracing;
    private final MeterRegistry meters;

    public EmailCommandHandler(MessageReader reader, PoisonMessages poisonMessages, MailDelivery delivery,
                               EmailParking parking, EmailSettings settings, MessageTracing tracing,
                               MeterRegistry meters) {
        this.reader = reader;
        this.poisonMessages = poisonMessages;
        this.delivery = delivery;
        this.parking = parking;
        this.schedule = new RetrySchedule(settings.maxAttempts());
        this.tracing = tracing;
        this.meters = meters;
    }

    public void handle(InboundMessage message, RabbitAcknowledgement ack) {
        Span span = tracing.startConsumerSpan(message.queue(), message.routingKey(), message.messageId(),
                message.header(MessageTracing.TRACEPARENT).orElse(null));
        try (Scope ignored = span.makeCurrent(); LogContext logContext = LogContext.of(message, span)) {
            EmailCommand command;
            try {
                command = reader.read(message, EmailCommand.class);
            } catch (PoisonMessageException e) {
                poison(message, ack, e.getMessage());
                return;
            }
            if (MDC.get(LogContext.ORDER_ID) == null && command.model().get("orderId") != null) {
                MDC.put(LogContext.ORDER_ID, command.model().get("orderId"));
            }
            EmailTemplate template = EmailTemplate.byName(command.template()).orElseThrow();
            List<String> missing = template.missingKeys(command.model());
            if (!missing.isEmpty()) {
                poison(message, ack, "model lacks " + missing + ", required by template " + template.templateName());
                return;
            }
            String messageId = command.messageId() == null || command.messageId().isBlank()
                    ? message.messageId() : command.messageId();
            MDC.put(LogContext.MESSAGE_ID, messageId);
            if (!attempt(message, ack, command, template, messageId)) {
                span.setStatus(StatusCode.ERROR);
            }
        } catch (RuntimeException e) {
            // a bug, not a mail problem: park it where a human looks rather than leave it unacked or looping
            LOG.error("Unexpected failure handling {}", message.messageId(), e);
            span.recordException(e);
            poison(message, ack, "unexpected failure in email-worker: " + e);
        } finally {
            span.end();
        }
    }

    /** @return whether the delivery went well (mailed, a duplicate, or just waiting its turn) */
    private boolean attempt(InboundMessage message, RabbitAcknowledgement ack, EmailCommand command,
                            EmailTemplate template, String messageId) {
        long cycles = message.deathCount(ShopQueues.EMAIL_RETRY, EXPIRED);
        OptionalInt due = schedule.attemptAt(cycles);
        if (due.isEmpty()) {
            LOG.debug("Not an attempt turn ({} retry cycles so far): waiting another cycle", cycles);
            settle(() -> ack.nack(false, false));
            return true;
        }
        int attempt = due.getAsInt();
        boolean mailedNow;
        try {
            mailedNow = delivery.deliverOnce(messageId, command, template, attempt);
        } catch (MailDeliveryException e) {
            failed(message, ack, attempt, e);
            return false;
        } catch (InboxClaimException e) {
            // not a failure of this mail: never parked for it, just looked at again one TTL later
            LOG.info("{}; looking again after a retry cycle", e.getMessage());
            meters.counter("email.claim-conflicts").increment();
            settle(() -> ack.nack(false, false));
            return true;
        } catch (RuntimeException e) {
            // e.g. the database is away: not the mail's fault, so it takes the retry path of a transient failure
            failed(message, ack, attempt, new MailDeliveryException(false, "worker failure: " + e, e));
            return false;
        }
        if (mailedNow) {
            LOG.info("Mailed {} to {} at attempt {} ({} retry cycles)", template.templateName(), command.to(),
                    attempt, cycles);
            meters.counter("email.sent", "template", template.templateName()).increment();
        } else {
            LOG.info("Already mailed; dropping the duplicate");
            meters.counter("email.duplicates").increment();
        }
        settle(ack::ack);
        return true;
    }

    private void failed(InboundMessage message, RabbitAcknowledgement ack, int attempt, MailDeliveryException failure) {
        if (!failure.isPermanent() && !schedule.isLast(attempt)) {
            LOG.warn("Attempt {} of {} failed, retrying later: {}", attempt, schedule.maxAttempts(), failure.reason());
            meters.counter("email.retried").increment();
            settle(() -> ack.nack(false, false));
            return;
        }
        String reason = failure.isPermanent()
                ? "permanent failure at attempt " + attempt + ": " + failure.reason()
                : "gave up after " + attempt + " attempts: " + failure.reason();
        try {
            parking.park(message, reason, attempt);
            LOG.warn("Parked in {}: {}", ShopQueues.EMAIL_DEAD, reason);
            meters.counter("email.parked", "permanent", Boolean.toString(failure.isPermanent())).increment();
            settle(ack::ack);
        } catch (IOException e) {
            LOG.error("Could not park ({}); rejecting it into the retry loop to park it later: {}", reason, e.toString());
            settle(() -> ack.nack(false, false));
        }
    }

    private void poison(InboundMessage message, RabbitAcknowledgement ack, String reason) {
        try {
            poisonMessages.park(message, reason);
            LOG.warn("Parked a poison message in shop.dead: {}", reason);
            meters.counter("email.poison").increment();
            settle(ack::ack);
        } catch (IOException e) {
            LOG.error("Could not park a poison message ({}); rejecting it into the retry loop: {}", reason, e.toString());
            settle(() -> ack.nack(false, false));
        }
    }

    /**
     * Acks or rejects. If the channel is gone (broker restart, network) there is nothing left to do: the
     * broker delivers the message again, and the inbox or the retry count takes it from there.
     */
    private static void settle(Runnable acknowledgement) {
        try {
            acknowledgement.run();
        } catch (ShutdownSignalException | MessageAcknowledgementException e) {
            LOG.warn("Could not ack or reject, the channel is gone ({}); the broker will deliver the message again",
                    e.getMessage());
        }
    }
}
