package io.eventyard.broker.amqp.handler;

import java.util.ArrayList;
import java.util.List;

import io.eventyard.broker.core.vhost.RoutedMessage;

/**
 * What a transactional channel (tx.select) did since its last commit or rollback: publishes wait to be
 * routed, settlements wait to be applied. Owned by the core thread.
 */
final class TransactionBuffer {

    sealed interface Action permits Publish, Settlement {
    }

    /** A publish routed when it arrived and delivered at commit. */
    record Publish(RoutedMessage routed, boolean mandatory) implements Action {
    }

    /** Deliveries acked, nacked or rejected inside the transaction. */
    record Settlement(List<UnackedDeliveries.Unacked> deliveries, boolean ack, boolean requeue) implements Action {
    }

    private final List<Action> actions = new ArrayList<>();

    void publish(RoutedMessage routed, boolean mandatory) {
        actions.add(new Publish(routed, mandatory));
    }

    void settle(List<UnackedDeliveries.Unacked> deliveries, boolean ack, boolean requeue) {
        actions.add(new Settlement(deliveries, ack, requeue));
    }

    /** Everything buffered, in order, and the buffer emptied. */
    List<Action> drain() {
        List<Action> drained = new ArrayList<>(actions);
        actions.clear();
        return drained;
    }
}
