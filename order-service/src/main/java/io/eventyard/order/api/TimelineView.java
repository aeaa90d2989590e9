package io.eventyard.order.api;

import io.eventyard.order.domain.OrderStatus;
import io.eventyard.order.domain.TimelineEntry;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One entry of an order's timeline.
 *
 * @param event  what happened ({@code order.placed}, {@code order.paid}, {@code payment.failed},
 *               {@code order.shipped}, {@code order.cancelled}, {@code payment.refunded})
 * @param status the order's status after it
 * @param at     when
 * @param note   details for people
 */
@Serdeable
public record TimelineView(String event, OrderStatus status, Instant at, String note) {

    static TimelineView of(TimelineEntry entry) {
        return new TimelineView(entry.event(), entry.status(), entry.at(), entry.note());
    }
}
