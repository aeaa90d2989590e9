package io.eventyard.simulator.home;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Locale;

/**
 * A command received on {@code home/lights/{id}/set}: JSON {@code {"on":true,"brightness":80}} (either field
 * optional; {@code "state":"ON"|"OFF"|"TOGGLE"} accepted for {@code on}), or a bare {@code ON}, {@code OFF},
 * {@code TOGGLE}.
 *
 * @param on         the wanted switch state, or {@code null} to keep it
 * @param toggle     whether to flip the switch
 * @param brightness 0–100, or {@code null} to keep it
 */
public record LightCommand(Boolean on, boolean toggle, Integer brightness) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws IllegalArgumentException if the payload is none of the accepted forms */
    public static LightCommand parse(String payload) {
        String text = payload.strip();
        if (!text.startsWith("{")) {
            return fromWord(text);
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + text);
        }
        Boolean on = null;
        boolean toggle = false;
        if (node.has("on")) {
            if (!node.get("on").isBoolean()) {
                throw new IllegalArgumentException("\"on\" must be true or false");
            }
            on = node.get("on").booleanValue();
        } else if (node.has("state")) {
            LightCommand word = fromWord(node.get("state").asText());
            on = word.on();
            toggle = word.toggle();
        }
        Integer brightness = null;
        if (node.has("brightness")) {
            JsonNode value = node.get("brightness");
            if (!value.isNumber() || value.asInt() < 0 || value.asInt() > 100) {
                throw new IllegalArgumentException("\"brightness\" must be a number from 0 to 100");
            }
            brightness = value.asInt();
        }
        if (on == null && !toggle && brightness == null) {
            throw new IllegalArgumentException("nothing to do: " + text);
        }
        return new LightCommand(on, toggle, brightness);
    }

    private static LightCommand fromWord(String word) {
        return switch (word.toUpperCase(Locale.ROOT)) {
            case "ON" -> new LightCommand(true, false, null);
            case "OFF" -> new LightCommand(false, false, null);
            case "TOGGLE" -> new LightCommand(null, true, null);
            default -> throw new IllegalArgumentException("unknown light command: " + word);
        };
    }
}
