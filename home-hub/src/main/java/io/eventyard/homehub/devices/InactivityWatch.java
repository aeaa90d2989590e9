package io.eventyard.homehub.devices;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Marks online devices offline once nothing was heard from them for the inactivity timeout. */
@Singleton
class InactivityWatch {

    private static final Logger LOG = LoggerFactory.getLogger(InactivityWatch.class);

    private final DeviceTracker tracker;
    private final DeviceSettings settings;
    private final ApplicationEventPublisher<Availability> publisher;

    InactivityWatch(DeviceTracker tracker, DeviceSettings settings, ApplicationEventPublisher<Availability> publisher) {
        this.tracker = tracker;
        this.settings = settings;
        this.publisher = publisher;
    }

    @Scheduled(fixedDelay = "${home-hub.devices.check-interval:10s}", initialDelay = "${home-hub.devices.check-interval:10s}")
    void check() {
        Instant now = Instant.now();
        try {
            for (Availability change : tracker.timeOut(now.minus(settings.getInactivityTimeout()), now)) {
                LOG.info("device {} offline: nothing heard since {}", change.device(), change.lastSeen());
                publisher.publishEvent(change);
            }
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next round tries again
            LOG.warn("inactivity check failed: {}", e.toString());
        }
    }
}
