package io.eventyard.bench.mqtt;

import java.util.Arrays;

/** The shape of a run: who publishes to whom. */
public enum Layout {

    /** Many devices, each on a topic of its own, one subscriber on a wildcard over all of them. */
    FAN_IN("fan-in"),
    /** One publisher, many subscribers on the same topic: every message goes to each. */
    FAN_OUT("fan-out"),
    /** Connections that only keep alive: how many the broker holds and what they cost it. */
    IDLE("idle");

    private final String label;

    Layout(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Layout parse(String text) {
        return Arrays.stream(values()).filter(layout -> layout.label.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no layout '" + text + "' (fan-in, fan-out, idle)"));
    }
}
