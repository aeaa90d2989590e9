package io.eventyard.homehub.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.eventyard.homehub.devices.Availability;
import io.eventyard.homehub.events.HubEvent;
import io.eventyard.homehub.fleet.Position;
import io.eventyard.homehub.live.LiveSnapshot.Point;
import io.eventyard.homehub.live.LiveSnapshot.SensorSeries;
import io.eventyard.homehub.telemetry.Reading;
import org.junit.jupiter.api.Test;

class RecentActivityTest {

    private static final Instant T0 = Instant.parse("2026-07-01T12:00:00Z");

    // client buffer, heartbeat, points per sensor 3, positions per vehicle 2, events 2, sensors 2, vehicles 2, devices 2
    private final RecentActivity activity =
            new RecentActivity(new LiveSettings(16, Duration.ofSeconds(15), 3, 2, 2, 2, 2, 2));

    @Test
    void keepsTheLastPointsOfEachSensorOldestFirst() {
        for (int i = 0; i < 5; i++) {
            activity.record(reading("kitchen/temperature", i));
        }

        SensorSeries series = activity.snapshot().sensors().get(0);
        assertThat(series.sensorId()).isEqualTo("kitchen/temperature");
        assertThat(series.unit()).isEqualTo("°C");
        assertThat(series.points()).extracting(Point::value).containsExactly(2.0, 3.0, 4.0);
    }

    @Test
    void forgetsTheSensorUpdatedLongestAgoBeyondTheLimit() {
        activity.record(reading("kitchen/temperature", 1));
        activity.record(reading("hall/motion", 1));
        activity.record(reading("kitchen/temperature", 2));
        activity.record(reading("garage/power", 1));

        assertThat(activity.snapshot().sensors()).extracting(SensorSeries::sensorId)
                .containsExactlyInAnyOrder("kitchen/temperature", "garage/power");
    }

    @Test
    void keepsTheLatestPositionAndAShortTrailPerVehicle() {
        for (int i = 0; i < 4; i++) {
            activity.record(new Position("van-1", 51 + i, 0, 30.0, null, null, T0.plusSeconds(i), T0));
        }

        LiveSnapshot.VehicleTrail van = activity.snapshot().vehicles().get(0);
        assertThat(van.latest().lat()).isEqualTo(54);
        assertThat(van.trail()).extracting(LiveSnapshot.TrailPoint::lat).containsExactly(53.0, 54.0);
    }

    @Test
    void keepsTheLatestAvailabilityPerDeviceAndTheNewestEventsFirst() {
        activity.record(new Availability("plug", true, T0, "status"));
        activity.record(new Availability("plug", false, T0.plusSeconds(5), "timeout"));
        for (int i = 0; i < 3; i++) {
            activity.record(new HubEvent("kind-" + i, "plug", "detail", "info", T0.plusSeconds(i)));
        }

        LiveSnapshot snapshot = activity.snapshot();
        assertThat(snapshot.devices()).singleElement().satisfies(plug -> assertThat(plug.online()).isFalse());
        assertThat(snapshot.events()).extracting(HubEvent::kind).containsExactly("kind-2", "kind-1");
        assertThat(snapshot.geofences()).isEmpty();
    }

    private static Reading reading(String sensorId, double value) {
        String[] parts = sensorId.split("/");
        return new Reading(sensorId, parts[0], parts[1], value, "°C", T0, T0);
    }
}
