package io.eventyard.messaging.publish;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** How long a publisher waits for the broker's confirms before it counts the publish as failed. */
@ConfigurationProperties("eventyard.publisher")
public class PublisherSettings {

    private Duration confirmTimeout = Duration.ofSeconds(10);

    public Duration getConfirmTimeout() {
        return confirmTimeout;
    }

    public void setConfirmTimeout(Duration confirmTimeout) {
        this.confirmTimeout = confirmTimeout;
    }
}
