package io.eventyard.order.domain;

import java.util.Optional;

/**
 * The result of one step on an {@link Order}: the order before and after, and the timeline entry to
 * record (none when the step had already been applied).
 *
 * @param before the order as it was
 * @param after  the order as it is now
 * @param entry  the new timeline entry, empty for a repeated step
 */
public record Change(Order before, Order after, Optional<TimelineEntry> entry) {

    static Change none(Order order) {
        return new Change(order, order, Optional.empty());
    }

    static Change of(Order order, OrderStatus next, TimelineEntry entry) {
        return new Change(order, order.with(next, entry), Optional.of(entry));
    }

    /** Whether the status moved. */
    public boolean moved() {
        return before.status() != after.status();
    }

    /** Whether the order reached this status with this step. */
    public boolean movedTo(OrderStatus status) {
        return moved() && after.status() == status;
    }

    /** Whether there is anything to persist. */
    public boolean isEmpty() {
        return entry.isEmpty();
    }
}
