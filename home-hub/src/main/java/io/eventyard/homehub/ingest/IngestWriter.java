package io.eventyard.homehub.ingest;

import io.eventyard.homehub.devices.DeviceSignal;
import io.eventyard.homehub.devices.DeviceTracker;
import io.eventyard.homehub.fleet.FleetTracker;
import io.eventyard.homehub.fleet.Position;
import io.eventyard.homehub.telemetry.Reading;
import io.eventyard.homehub.telemetry.ReadingStore;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one batch in one transaction: readings, positions (and what they mean for geofences and speed),
 * device availability, rejected payloads. Returns the application events to publish once it has committed.
 */
@Singleton
class IngestWriter {

    private final ReadingStore readings;
    private final FleetTracker fleet;
    private final DeviceTracker devices;
    private final RejectedPayloads rejected;

    IngestWriter(ReadingStore readings, FleetTracker fleet, DeviceTracker devices, RejectedPayloads rejected) {
        this.readings = readings;
        this.fleet = fleet;
        this.devices = devices;
        this.rejected = rejected;
    }

    @Transactional
    List<Object> write(List<Pending> batch) {
        List<Reading> newReadings = new ArrayList<>();
        List<Position> positions = new ArrayList<>();
        List<DeviceSignal> signals = new ArrayList<>();
        List<RejectedPayload> rejections = new ArrayList<>();
        for (Pending pending : batch) {
            Parsed parsed = pending.parsed();
            if (parsed instanceof Parsed.SensorReading r) {
                newReadings.add(r.reading());
                signals.add(DeviceSignal.activity(r.reading().room(), r.reading().receivedAt()));
            } else if (parsed instanceof Parsed.VehiclePosition p) {
                positions.add(p.position());
            } else if (parsed instanceof Parsed.DeviceStatus s) {
                signals.add(DeviceSignal.status(s.device(), s.online(), s.receivedAt()));
            } else if (parsed instanceof Parsed.Rejected r) {
                rejections.add(RejectedPayloads.row(pending.topic(), pending.payload(), r));
            }
        }
        readings.store(newReadings);
        fleet.record(positions);
        List<Object> events = new ArrayList<>(newReadings);
        events.addAll(positions);
        events.addAll(devices.record(signals));
        rejected.keep(rejections);
        return events;
    }

    /** Keeps a message whose batch the database refused even alone, so that it does not vanish. */
    @Transactional
    void keepUnstorable(Pending pending, Exception cause) {
        Parsed.Rejected rejection = new Parsed.Rejected("store-failed", String.valueOf(cause), Instant.now());
        rejected.noted(pending.topic(), rejection);
        rejected.keep(List.of(RejectedPayloads.row(pending.topic(), pending.payload(), rejection)));
    }
}
