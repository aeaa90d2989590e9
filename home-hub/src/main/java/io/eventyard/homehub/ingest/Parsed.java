package io.eventyard.homehub.ingest;

import io.eventyard.homehub.fleet.Position;
import io.eventyard.homehub.telemetry.Reading;
import java.time.Instant;

/** What one MQTT message means to home-hub, decided by {@link PayloadParser}. */
public sealed interface Parsed {

    /** A sensor reading from {@code home/{room}/{sensor}}; it also tells that device {@code room} is alive. */
    record SensorReading(Reading reading) implements Parsed {
    }

    /** A vehicle position from {@code fleet/vehicle/{id}/location}. */
    record VehiclePosition(Position position) implements Parsed {
    }

    /** {@code online} or {@code offline} from {@code home/{device}/status}, the device's own word or its will. */
    record DeviceStatus(String device, boolean online, Instant receivedAt) implements Parsed {
    }

    /** A message for another part of home-hub or for devices ({@code home/lights/...}, {@code .../set}). */
    record Ignored(String why) implements Parsed {
    }

    /** A message home-hub cannot use: kept in {@code rejected_payload}, counted, logged, acknowledged. */
    record Rejected(String reason, String detail, Instant receivedAt) implements Parsed {
    }
}
