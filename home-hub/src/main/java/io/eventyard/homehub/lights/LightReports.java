package io.eventyard.homehub.lights;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.inject.Singleton;

/**
 * The lights' retained states, {@code home/lights/+}, as the ingestion connection hands them over (it subscribes
 * to them plainly, so that the retained states come on every subscribe). The effect is a map update made
 * before this method returns, and the message is acknowledged after it returns, so an acknowledged state is
 * never lost.
 * A payload that is not a JSON object is logged and left alone: the light's previous state stays.
 */
@Singleton
public class LightReports {

    private static final Logger LOG = LoggerFactory.getLogger(LightReports.class);
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private final LightStates lights;
    private final ObjectMapper json;

    LightReports(LightStates lights, ObjectMapper json) {
        this.lights = lights;
        this.json = json;
    }

    /** Whether {@code topic} is a light's state, {@code home/lights/{id}} (not its {@code .../set} commands). */
    public static boolean isLightState(String topic) {
        return topic.startsWith("home/lights/") && topic.indexOf('/', "home/lights/".length()) < 0;
    }

    /** A light reported its state (retained JSON), or an empty payload cleared it. */
    public void reported(String topic, byte[] payload) {
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
