/**
 * The messages shipping-service receives ({@code order.paid}) and sends ({@code order.shipped}). This service
 * owns its copies; {@code contracts/asyncapi.yaml} is the shared description.
 */
package io.eventyard.shipping.events;
