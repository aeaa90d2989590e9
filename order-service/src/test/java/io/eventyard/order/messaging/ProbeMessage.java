package io.eventyard.order.messaging;

import io.micronaut.serde.annotation.Serdeable;

/** A JSON body, so that the check also covers micronaut-serde on the messaging path. */
@Serdeable
record ProbeMessage(String orderId, int sequence) {
}
