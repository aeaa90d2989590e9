/**
 * The messages payment-service receives ({@code order.placed}, {@code order.cancelled}) and sends
 * ({@code order.paid}, {@code payment.failed}, {@code payment.refunded}). This service owns its copies;
 * {@code contracts/asyncapi.yaml} is the shared description.
 */
package io.eventyard.payment.events;
