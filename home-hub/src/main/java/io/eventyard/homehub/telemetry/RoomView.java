package io.eventyard.homehub.telemetry;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** A room: its sensors (latest values) and when it last sent a reading; the answer of {@code GET /rooms}. */
@Serdeable
public record RoomView(String room, Instant lastReadingAt, List<SensorView> sensors) {
}
