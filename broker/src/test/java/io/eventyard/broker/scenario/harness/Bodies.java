package io.eventyard.broker.scenario.harness;

import java.nio.charset.StandardCharsets;

/** Message bodies as text, the form most scenarios publish and compare. */
public final class Bodies {

    private Bodies() {
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
