package io.eventyard.homehub.lights;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import io.micronaut.core.type.Argument;
import io.micronaut.mqtt.annotation.MqttSubscriber;
import io.micronaut.mqtt.annotation.Topic;
import io.micronaut.serde.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lights' retained states, {@code home/lights/+}. The effect is a map update made before this method
 * returns, and the client acknowledges a QoS 1 message after it returns, so an acknowledged state is never lost.
 * A payload that is not a JSON object is logged and left alone: the light's previous state stays.
 */
@MqttSubscriber
class LightStateSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(LightStateSubscriber.class);
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private final LightStates lights;
    private final ObjectMapper json;

    LightStateSubscriber(LightStates lights, ObjectMapper json) {
        this.lights = lights;
        this.json = json;
    }

    @Topic(value = "home/lights/+", qos = 1)
    void receive(@Topic String topic, byte[] payload) {
        String id = topic.substring(topic.lastIndexOf('/') + 1);
        if (payload.length == 0) {
            lights.removed(id);
            return;
        }
        Map<String, Object> state;
        try {
            state = json.readValue(payload, JSON_OBJECT);
        } catch (IOException | RuntimeException e) {
            state = null;
        }
        if (state == null) {
            LOG.warn("ignored light state on {}: not a JSON object: {}", topic,
                    new String(payload, StandardCharsets.UTF_8));
            return;
        }
        lights.reported(new LightState(id, state, Instant.now()));
    }
}
