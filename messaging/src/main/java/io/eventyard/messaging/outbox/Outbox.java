package io.eventyard.messaging.outbox;

import io.eventyard.messaging.tracing.MessageTracing;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * The write side of the transactional outbox. A service adds its outgoing messages here inside the
 * transaction that changes its own data, so either both the change and its messages are committed or
 * neither is; the {@link OutboxRelay} publishes them afterwards.
 */
@Singleton
public class Outbox {

    private final OutboxRepository repository;
    private final ObjectMapper json;
    private final MessageTracing tracing;
    private final ApplicationEventPublisher<OutboxAppended> appended;
    private final Clock clock;

    public Outbox(OutboxRepository repository, ObjectMapper json, MessageTracing tracing,
                  ApplicationEventPublisher<OutboxAppended> appended) {
        this.repository = repository;
        this.json = json;
        this.tracing = tracing;
        this.appended = appended;
        this.clock = Clock.systemUTC();
    }

    /** Adds a message; must be called in the caller's transaction, which is what makes it reliable. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(OutgoingMessage message) {
        String payload;
        try {
            payload = json.writeValueAsString(message.payload());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + message.payload().getClass().getName(), e);
        }
        repository.save(new OutboxMessage(null, message.messageId(), message.exchange(), message.routingKey(),
                message.aggregateId(), payload, tracing.currentTraceparent().orElse(null), clock.instant(), null, 0));
        appended.publishEvent(new OutboxAppended(message.messageId()));
    }
}
