package io.eventyard.simulator.home;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SignalsTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-11-22T00:00:00Z");

    @Test
    void temperatureWalksSlowlyAroundTheDayCurve() {
        var signal = new TemperatureSignal(21, new SplittableRandom(1));
        double previous = signal.next(MIDNIGHT);
        for (int i = 1; i < 24 * 720; i++) {
            Instant at = MIDNIGHT.plus(Duration.ofSeconds(5L * i));
            double value = signal.next(at);
            assertThat(value).isBetween(21 - 1.5 - 2.0, 21 + 1.5 + 2.0);
            assertThat(Math.abs(value - previous)).isLessThan(0.5);
            previous = value;
        }
    }

    @Test
    void dayCurveIsColdestAtThreeAndWarmestAtFifteen() {
        assertThat(DayCurve.at(Instant.parse("2026-11-22T03:00:00Z"))).isCloseTo(-1, within(1e-9));
        assertThat(DayCurve.at(Instant.parse("2026-11-22T15:00:00Z"))).isCloseTo(1, within(1e-9));
    }

    @Test
    void humidityStaysWithinPhysicalBounds() {
        var signal = new HumiditySignal(65, new SplittableRandom(2));
        for (int i = 0; i < 20_000; i++) {
            assertThat(signal.next(MIDNIGHT.plusSeconds(7L * i))).isBetween(20.0, 90.0);
        }
    }

    @Test
    void powerIsNeverNegativeAndAppliancesSwitchOnSometimes() {
        var signal = new PowerSignal(100, 2000, new SplittableRandom(3));
        double max = 0;
        for (int i = 0; i < 5_000; i++) {
            double value = signal.next(MIDNIGHT);
            assertThat(value).isNotNegative();
            max = Math.max(max, value);
        }
        assertThat(max).isGreaterThan(1500);
    }

    @Test
    void motionIsZeroOrOneAndChanges() {
        var signal = new MotionSignal(new SplittableRandom(4));
        var seen = new java.util.HashSet<Double>();
        for (int i = 0; i < 1_000; i++) {
            seen.add(signal.next(MIDNIGHT.plusSeconds(60L * i)));
        }
        assertThat(seen).containsExactlyInAnyOrder(0.0, 1.0);
    }

    @Test
    void realisticCadenceWaitsFiveToTenSeconds() {
        var random = new SplittableRandom(5);
        for (int i = 0; i < 1_000; i++) {
            assertThat(Cadence.realistic().nextDelay(random)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        }
    }

    @Test
    void rateCadenceSpreadsTheTotalRateOverTheSensors() {
        var cadence = Cadence.forTotalRate(1000, 12);

        assertThat(cadence.nextDelay(new SplittableRandom(6))).isEqualTo(Duration.ofMillis(12));
        assertThat(cadence.firstDelay(new SplittableRandom(6))).isLessThanOrEqualTo(Duration.ofMillis(12));
    }

    @Test
    void readingPayloadFollowsTheDesign() {
        Instant at = Instant.parse("2026-11-22T08:15:30.123999Z");

        assertThat(new SensorReading("kitchen", SensorKind.TEMPERATURE, 21.04, at).topic())
                .isEqualTo("home/kitchen/temperature");
        assertThat(new SensorReading("kitchen", SensorKind.TEMPERATURE, 21.04, at).payload())
                .isEqualTo("{\"value\":21.0,\"unit\":\"°C\",\"ts\":\"2026-11-22T08:15:30.123Z\"}");
        assertThat(new SensorReading("hall", SensorKind.MOTION, 1, at).payload())
                .isEqualTo("{\"value\":1,\"ts\":\"2026-11-22T08:15:30.123Z\"}");
    }

    @Test
    void aSensorsClockNeverRepeatsAMillisecond() {
        var clock = new SensorClock();
        Instant at = Instant.parse("2026-11-22T08:00:00.000900Z");

        assertThat(clock.stamp(at)).isEqualTo(Instant.parse("2026-11-22T08:00:00.000Z"));
        assertThat(clock.stamp(at.plusNanos(50_000))).isEqualTo(Instant.parse("2026-11-22T08:00:00.001Z"));
        assertThat(clock.stamp(at)).isEqualTo(Instant.parse("2026-11-22T08:00:00.002Z"));
        assertThat(clock.stamp(at.plusSeconds(1))).isEqualTo(Instant.parse("2026-11-22T08:00:01.000Z"));
    }
}
