package io.eventyard.homehub.alerts;

import java.time.Duration;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

/**
 * "living-room/temperature above 28 for PT5M": the trigger holds while the value is beyond the threshold
 * (strictly); the alert fires once it has held for {@code duration}. An active alert clears once the value is
 * back beyond {@code clearThreshold} on the other side (strictly) for {@code clearDuration}; a clear threshold
 * short of the threshold gives hysteresis, so a value hovering at the threshold does not flap.
 *
 * @param operator  {@code above} or {@code below}
 * @param duration  ISO-8601, e.g. {@code PT5M}; measured on the readings' {@code measuredAt}
 * @param severity  {@code info}, {@code warning} or {@code critical}
 */
@Serdeable
@MappedEntity(value = "alert_rule", escape = false)
public record AlertRule(@Id @GeneratedValue Long id, String sensorId, String operator, double threshold,
                        String duration, double clearThreshold, String clearDuration, String severity) {

    static final String ABOVE = "above";
    static final String BELOW = "below";

    boolean triggeredBy(double value) {
        return ABOVE.equals(operator) ? value > threshold : value < threshold;
    }

    boolean clearedBy(double value) {
        return ABOVE.equals(operator) ? value < clearThreshold : value > clearThreshold;
    }

    Duration holdFor() {
        return Duration.parse(duration);
    }

    Duration clearFor() {
        return Duration.parse(clearDuration);
    }

    /** For people: "living-room/temperature above 28.0 for PT5M". */
    String describe() {
        return sensorId + " " + operator + " " + threshold + " for " + duration;
    }

    /** The retained MQTT topic of this rule's alert. */
    String topic() {
        return "alerts/" + severity + "/" + id;
    }
}
