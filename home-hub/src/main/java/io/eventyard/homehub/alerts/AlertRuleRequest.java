package io.eventyard.homehub.alerts;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.eventyard.homehub.api.FieldError;
import io.eventyard.homehub.api.InvalidRequestException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code POST /alert-rules} and {@code PUT /alert-rules/{id}}. {@code clearThreshold} defaults to
 * {@code threshold} (no hysteresis) and {@code clearDuration} to {@code PT0S} (the first reading back clears).
 * Checked by hand rather than by bean validation because most rules span fields (the clear threshold must be on
 * the right side of the threshold) and each error must name its field.
 */
@Serdeable
public record AlertRuleRequest(@Nullable String sensorId, @Nullable String operator, @Nullable Double threshold,
                               @Nullable String duration, @Nullable Double clearThreshold,
                               @Nullable String clearDuration, @Nullable String severity) {

    /** {@code room/sensor}: two topic levels, no wildcards. */
    private static final Pattern SENSOR_ID = Pattern.compile("[^/#+\\s]{1,100}/[^/#+\\s]{1,100}");
    private static final Set<String> OPERATORS = Set.of(AlertRule.ABOVE, AlertRule.BELOW);
    private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    private static final Duration LONGEST = Duration.ofDays(7);

    /** The rule this request describes, or {@link InvalidRequestException} naming every bad field. */
    AlertRule toRule(Long id) {
        List<FieldError> errors = new ArrayList<>();
        if (sensorId == null || !SENSOR_ID.matcher(sensorId).matches()) {
            errors.add(new FieldError("sensorId", "must be room/sensor, without wildcards"));
        }
        if (operator == null || !OPERATORS.contains(operator)) {
            errors.add(new FieldError("operator", "must be above or below"));
        }
        if (threshold == null || !Double.isFinite(threshold)) {
            errors.add(new FieldError("threshold", "must be a number"));
        }
        Duration hold = duration("duration", duration, errors);
        Duration clearHold = duration("clearDuration", clearDuration == null ? "PT0S" : clearDuration, errors);
        if (clearThreshold != null && !Double.isFinite(clearThreshold)) {
            errors.add(new FieldError("clearThreshold", "must be a number"));
        } else if (clearThreshold != null && threshold != null && operator != null) {
            if (AlertRule.ABOVE.equals(operator) && clearThreshold > threshold) {
                errors.add(new FieldError("clearThreshold", "must not be above threshold for an above rule"));
            } else if (AlertRule.BELOW.equals(operator) && clearThreshold < threshold) {
                errors.add(new FieldError("clearThreshold", "must not be below threshold for a below rule"));
            }
        }
        if (severity == null || !SEVERITIES.contains(severity)) {
            errors.add(new FieldError("severity", "must be info, warning or critical"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new AlertRule(id, sensorId, operator, threshold, hold.toString(),
                clearThreshold == null ? threshold : clearThreshold, clearHold.toString(), severity);
    }

    private static Duration duration(String field, String text, List<FieldError> errors) {
        try {
            Duration parsed = Duration.parse(text == null ? "" : text);
            if (!parsed.isNegative() && parsed.compareTo(LONGEST) <= 0) {
                return parsed;
            }
        } catch (DateTimeParseException e) {
            // reported below, like an out-of-range duration
        }
        errors.add(new FieldError(field, "must be an ISO-8601 duration from PT0S to P7D, e.g. PT5M"));
        return null;
    }
}
