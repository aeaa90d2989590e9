package io.eventyard.homehub.lights;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventyard.homehub.api.FieldError;
import io.eventyard.homehub.api.InvalidRequestException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What a light is told to do, {@code {"on":true,"brightness":80}}; either may be left out to keep it as it is.
 * Also the JSON published on {@code home/lights/{id}/set}.
 *
 * @param brightness percent, 0 to 100
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LightCommand(@Nullable Boolean on, @Nullable Integer brightness) {

    /** A light id is one topic level: no wildcards, no slash. */
    private static final Pattern LIGHT_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** Throws {@link InvalidRequestException} naming each bad field; {@code id} is the path's. */
    void check(String id) {
        List<FieldError> errors = new ArrayList<>();
        if (!LIGHT_ID.matcher(id).matches()) {
            errors.add(new FieldError("id", "must be 1 to 64 letters, digits, '.', '_' or '-'"));
        }
        if (on == null && brightness == null) {
            errors.add(new FieldError("on", "give on, brightness or both"));
        }
        if (brightness != null && (brightness < 0 || brightness > 100)) {
            errors.add(new FieldError("brightness", "must be from 0 to 100"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
