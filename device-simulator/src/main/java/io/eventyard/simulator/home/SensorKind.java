package io.eventyard.simulator.home;

/** What a room sensor measures: the last topic level and the unit in its payload. */
public enum SensorKind {
    TEMPERATURE("temperature", "°C"),
    HUMIDITY("humidity", "%"),
    POWER("power", "W"),
    /** 0 or 1, sent when it changes (an event), so it has no unit. */
    MOTION("motion", null);

    private final String topicName;
    private final String unit;

    SensorKind(String topicName, String unit) {
        this.topicName = topicName;
        this.unit = unit;
    }

    public String topicName() {
        return topicName;
    }

    /** The unit, or {@code null} for a 0/1 event. */
    public String unit() {
        return unit;
    }
}
