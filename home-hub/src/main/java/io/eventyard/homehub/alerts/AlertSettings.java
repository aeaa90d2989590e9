package io.eventyard.homehub.alerts;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code homehub.alerts.*} (environment {@code HOMEHUB_ALERTS_*}).
 *
 * @param emailTo        who is mailed when an alert fires or clears; blank to mail nobody
 * @param noticeInterval how often MQTT alert messages a broker outage held back are retried
 */
@ConfigurationProperties("homehub.alerts")
public record AlertSettings(@Bindable(defaultValue = "home@example.com") String emailTo,
                            @Bindable(defaultValue = "2s") Duration noticeInterval) {
}
