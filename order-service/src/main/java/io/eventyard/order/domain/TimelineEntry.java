package io.eventyard.order.domain;

import java.time.Instant;

/**
 * One thing that happened to an order.
 *
 * @param event  what happened: {@code order.placed}, {@code order.paid}, {@code payment.failed},
 *               {@code order.shipped}, {@code order.cancelled}, {@code payment.refunded}
 * @param status the order's status after it
 * @param at     when it happened (the event's own time when it carries one)
 * @param note   a line for people: payment id, tracking number, reason, or why the status did not move
 */
public record TimelineEntry(String event, OrderStatus status, Instant at, String note) {
}
