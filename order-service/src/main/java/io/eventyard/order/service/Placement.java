package io.eventyard.order.service;

import io.eventyard.order.domain.Order;

/**
 * The answer to a placement.
 *
 * @param order   the order
 * @param created {@code true} when this request created it, {@code false} when an earlier request with
 *                the same {@code Idempotency-Key} did
 */
public record Placement(Order order, boolean created) {
}
