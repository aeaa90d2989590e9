package io.eventyard.order.api;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of {@code GET /orders}, newest first.
 *
 * @param orders     the orders on this page
 * @param page       this page's number, from 0
 * @param size       the page size asked for
 * @param totalCount how many orders match in all
 * @param totalPages how many pages that makes
 */
@Serdeable
public record OrderPage(List<OrderSummary> orders, int page, int size, long totalCount, int totalPages) {
}
