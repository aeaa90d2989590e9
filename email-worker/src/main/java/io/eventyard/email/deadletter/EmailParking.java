package io.eventyard.email.deadletter;

import io.eventyard.messaging.inbound.InboundMessage;
import io.eventyard.messaging.publish.ConfirmedPublisher;
import io.eventyard.messaging.topology.ShopExchanges;
import io.eventyard.messaging.topology.ShopQueues;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/**
 * Puts a command that cannot be mailed into the parking queue email.dead, through the default
 * exchange, and waits for the broker's confirm: only then may the caller ack the original.
 */
@Singleton
public class EmailParking {

    private final ConfirmedPublisher publisher;
    private final Clock clock;

    public EmailParking(ConfirmedPublisher publisher) {
        this.publisher = publisher;
        this.clock = Clock.systemUTC();
    }

    public void park(InboundMessage message, String reason, int attempts) throws IOException {
        String parkedAt = Instant.now(clock).toString();
        publisher.publish(ShopExchanges.DEFAULT, ShopQueues.EMAIL_DEAD,
                ParkingHeaders.parked(message.properties(), reason, parkedAt, attempts), message.body());
    }
}
