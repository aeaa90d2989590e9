package io.eventyard.shipping.api;

import io.eventyard.shipping.shipment.ShipmentRepository;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Read-only view of shipments; they are created by messages, never over HTTP. */
@Controller("/shipments")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ShipmentController {

    private final ShipmentRepository shipments;

    public ShipmentController(ShipmentRepository shipments) {
        this.shipments = shipments;
    }

    @Get("/{orderId}")
    public ShipmentView byOrder(String orderId) {
        return shipments.findByOrderId(orderId)
                .map(ShipmentView::of)
                .orElseThrow(() -> new ShipmentNotFoundException(orderId));
    }
}
