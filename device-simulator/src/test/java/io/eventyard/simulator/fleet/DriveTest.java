package io.eventyard.simulator.fleet;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DriveTest {

    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void distanceAndBearingMatchKnownValues() {
        var dam = new GeoPoint(52.3731, 4.8926);
        var north = new GeoPoint(52.3821, 4.8926);
        var east = new GeoPoint(52.3731, 4.9026);

        assertThat(dam.distanceTo(north)).isCloseTo(1000.8, within(1.0)); // 0.009° of latitude
        assertThat(dam.bearingTo(north)).isCloseTo(0, within(0.01));
        assertThat(dam.bearingTo(east)).isCloseTo(90, within(0.1));
        assertThat(east.bearingTo(dam)).isCloseTo(270, within(0.1));
    }

    @Test
    void interpolatesAlongALeg() {
        var a = new GeoPoint(52.0, 4.0);
        var b = new GeoPoint(53.0, 5.0);

        assertThat(a.towards(b, 0.25)).isEqualTo(new GeoPoint(52.25, 4.25));
        assertThat(a.towards(b, 0)).isEqualTo(a);
        assertThat(a.towards(b, 1)).isEqualTo(b);
    }

    @Test
    void staysOnTheRouteWithinTheSpeedRangeAndHeadsAlongTheLeg() {
        for (Route route : Routes.amsterdam()) {
            var drive = new Drive(route, 0, new SplittableRandom(7));
            for (int i = 0; i < 3000; i++) {
                drive.advance(Duration.ofSeconds(2));
                var fix = drive.fix(T0);
                assertThat(fix.speedKmh()).isBetween(0.0, 120.0);
                assertThat(fix.heading()).isGreaterThanOrEqualTo(0).isLessThan(360);
                assertThat(fix.accuracy()).isBetween(3.0, 8.0);
                var from = route.legStart(drive.leg()).point();
                var to = route.legEnd(drive.leg()).point();
                assertThat(fix.heading()).isCloseTo(from.bearingTo(to), within(1e-9));
                // On the leg: the detour through the fix is no longer than the leg itself.
                var here = new GeoPoint(fix.lat(), fix.lon());
                assertThat(from.distanceTo(here) + here.distanceTo(to)).isCloseTo(from.distanceTo(to), within(1.0));
            }
        }
    }

    @Test
    void goesAroundTheLoopStoppingSometimesAndReachingMotorwaySpeedOnTheRing() {
        var ring = Routes.amsterdam().stream().filter(r -> r.name().equals("a10-ring")).findFirst().orElseThrow();
        var drive = new Drive(ring, 0, new SplittableRandom(11));
        double top = 0;
        int stops = 0;
        var legs = new java.util.HashSet<Integer>();
        for (int i = 0; i < 2 * 3600 / 2; i++) {
            drive.advance(Duration.ofSeconds(2));
            top = Math.max(top, drive.fix(T0).speedKmh());
            stops += drive.stopped() ? 1 : 0;
            legs.add(drive.leg());
        }
        assertThat(top).isGreaterThan(80);
        assertThat(stops).isPositive();
        assertThat(legs).hasSize(ring.legs());
    }

    @Test
    void reportsTheDesignPayload() {
        var fix = new VehicleFix(52.37, 4.89, 42.25, 90.0, 5.0, Instant.parse("2026-11-22T12:00:00.123456Z"));

        assertThat(fix.payload()).isEqualTo("{\"lat\":52.370000,\"lon\":4.890000,\"speedKmh\":42.3,\"heading\":90.0,"
                + "\"accuracy\":5.0,\"ts\":\"2026-11-22T12:00:00.123Z\"}");
    }

    @Test
    void aRouteNeedsTwoWaypoints() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Route("x", List.of(Waypoint.at(1, 1, 50, 0))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
