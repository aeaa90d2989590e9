package io.eventyard.order.saga;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * {@code order.shipped} from shipping-service.
 *
 * @param orderId        the order
 * @param shipmentId     shipping-service's id of the shipment
 * @param carrier        who carries it
 * @param trackingNumber the carrier's tracking number
 * @param shippedAt      when
 */
@Serdeable
public record OrderShipped(@NotBlank String orderId,
                           @NotBlank String shipmentId,
                           @NotBlank String carrier,
                           @NotBlank String trackingNumber,
                           @NotNull Instant shippedAt) {
}
