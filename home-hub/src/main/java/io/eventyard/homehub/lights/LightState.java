package io.eventyard.homehub.lights;

import java.time.Instant;
import java.util.Map;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A light as it last reported itself on {@code home/lights/{id}}.
 *
 * @param state      the light's JSON object as it sent it, e.g. {@code {"on":true,"brightness":80}}
 * @param reportedAt when home-hub received it
 */
@Serdeable
public record LightState(String id, Map<String, Object> state, Instant reportedAt) {
}
