package io.eventyard.homehub.events;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

/**
 * Where the features of home-hub record what people should see. An event is stored in the caller's transaction
 * and announced as an application event ({@link HubEvent}) for the live dashboard once that transaction has
 * committed: a batch that is rolled back and tried again announces its events once, and a listener never sees
 * an event the database does not hold. Without a transaction the event is stored at once and announced at once.
 *
 * <p>A transaction synchronization rather than {@code @TransactionalEventListener} on the listeners: that one
 * drops an event published outside a transaction, and every listener would have to remember it.
 */
@Singleton
public class EventLog {

    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

    private final StoredEventRepository events;
    private final ApplicationEventPublisher<HubEvent> publisher;
    private final TransactionOperations<Connection> transactions;

    EventLog(StoredEventRepository events, ApplicationEventPublisher<HubEvent> publisher,
             TransactionOperations<Connection> transactions) {
        this.events = events;
        this.publisher = publisher;
        this.transactions = transactions;
    }

    public void record(HubEvent event) {
        events.save(new StoredEvent(null, event.kind(), event.subject(), event.detail(), event.severity(), event.at()));
        Optional<? extends TransactionStatus<?>> transaction = transactions.findTransactionStatus()
                .filter(status -> !status.isCompleted());
        if (transaction.isPresent()) {
            // an enclosing transaction's status takes it over: it runs after the outermost commit
            transaction.get().registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    announce(event);
                }
            });
        } else {
            announce(event);
        }
    }

    /** The newest events first; {@code kindPrefix} such as {@code geofence.} narrows them, null for all. */
    public List<HubEvent> latest(String kindPrefix, int limit) {
        Pageable page = Pageable.from(0, limit);
        List<StoredEvent> rows = kindPrefix == null ? events.listOrderByIdDesc(page)
                : events.findByKindLikeOrderByIdDesc(kindPrefix + "%", page);
        return rows.stream().map(StoredEvent::event).toList();
    }

    private void announce(HubEvent event) {
        try {
            publisher.publishEvent(event);
        } catch (RuntimeException e) {
            // the event is stored and committed; a listener's failure is its own and must not reach the caller
            LOG.warn("a listener failed on {}: {}", event, e.toString());
        }
    }
}
