package io.eventyard.homehub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventyard.homehub.fleet.Position;
import io.eventyard.homehub.telemetry.Reading;
import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PayloadParserTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private final PayloadParser parser = new PayloadParser(JsonMapper.createDefault());

    private Parsed parse(String topic, String payload) {
        return parser.parse(topic, payload.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private Reading reading(String payload) {
        return ((Parsed.SensorReading) parse("home/kitchen/temperature", payload)).reading();
    }

    @Test
    void aBareNumberIsAReadingMeasuredWhenItArrived() {
        Reading reading = reading(" 21.5\n");

        assertThat(reading).isEqualTo(new Reading("kitchen/temperature", "kitchen", "temperature", 21.5, null, NOW,
                NOW));
    }

    @Test
    void tsIsEpochSecondsEpochMillisOrIsoWithAnOffset() {
        for (String row : new String[] {
                "1795334400         | 2026-11-22T08:00:00Z",
                "1795334399.5       | 2026-11-22T07:59:59.500Z",
                "1795334400123      | 2026-11-22T08:00:00.123Z",
                "\"2026-11-22T09:00:00+01:00\" | 2026-11-22T08:00:00Z"}) {
            String[] cells = row.split("\\|", -1);
            String ts = cells[0].trim();
            String expected = cells[1].trim();
            Reading reading = reading("{\"value\":3,\"unit\":\"°C\",\"ts\":" + ts + "}");

            assertThat(reading.measuredAt()).isEqualTo(Instant.parse(expected));
            assertThat(reading.unit()).isEqualTo("°C");
            assertThat(reading.receivedAt()).isEqualTo(NOW);
        }
    }

    @Test
    void badReadingsAreRejectedWithAReason() {
        for (String row : new String[] {
                "warm                                  | unparseable",
                "{\"value\":\"warm\"}                  | unparseable",
                "{\"unit\":\"°C\"}                     | unparseable",
                "[1,2]                                 | unparseable",
                "{\"value\":1                          | unparseable",
                "NaN                                   | out-of-range",
                "-Infinity                             | out-of-range",
                "{\"value\":151,\"unit\":\"°C\"}       | out-of-range",
                "{\"value\":101,\"unit\":\"%\"}        | out-of-range",
                "{\"value\":-1,\"unit\":\"W\"}         | out-of-range",
                "{\"value\":1,\"ts\":\"monday\"}       | bad-timestamp",
                "{\"value\":1,\"ts\":\"2026-11-22T08:00:00\"} | bad-timestamp",
                "{\"value\":1,\"ts\":946684799}        | bad-timestamp",
                "{\"value\":1,\"ts\":1795507201}       | bad-timestamp"}) {
            String[] cells = row.split("\\|", -1);
            String payload = cells[0].trim();
            String reason = cells[1].trim();
            Parsed parsed = parse("home/kitchen/temperature", payload);

            assertThat(parsed).isInstanceOfSatisfying(Parsed.Rejected.class, r -> {
                assertThat(r.reason()).isEqualTo(reason);
                assertThat(r.detail()).isNotBlank();
            });
        }
    }

    @Test
    void anEmptyPayloadIsRejectedOnASensorButIgnoredOnAStatus() {
        assertThat(parse("home/kitchen/temperature", "")).isInstanceOf(Parsed.Rejected.class);
        assertThat(parse("home/plug1/status", "")).isInstanceOf(Parsed.Ignored.class);
    }

    @Test
    void statusIsOnlineOrOffline() {
        assertThat(parse("home/plug1/status", "online")).isEqualTo(new Parsed.DeviceStatus("plug1", true, NOW));
        assertThat(parse("home/plug1/status", "OFFLINE")).isEqualTo(new Parsed.DeviceStatus("plug1", false, NOW));
        assertThat(parse("home/plug1/status", "maybe")).isInstanceOfSatisfying(Parsed.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo("bad-status"));
    }

    @Test
    void lightsAndCommandsAreLeftToOthers() {
        for (String row : new String[] {
                "home/lights/l1",
                "home/lights/l1/set",
                "home/kitchen/lamp/set",
                "home/kitchen/lamp/set/x"}) {
            String[] cells = row.split("\\|", -1);
            String topic = cells[0].trim();
            assertThat(parse(topic, "{\"on\":true}")).isInstanceOf(Parsed.Ignored.class);
        }
    }

    @Test
    void unknownTopicsAreRejected() {
        for (String row : new String[] {
                "home/kitchen|unknown-topic",
                "home/a/b/c|unknown-topic",
                "home//temperature|bad-topic",
                "other/x/y|unknown-topic",
                "fleet/vehicle//location|bad-topic"}) {
            String[] cells = row.split("\\|", -1);
            String topic = cells[0].trim();
            String reason = cells[1].trim();
            assertThat(parse(topic, "1")).isInstanceOfSatisfying(Parsed.Rejected.class,
                    r -> assertThat(r.reason()).isEqualTo(reason));
        }
    }

    @Test
    void aVehiclePositionKeepsItsFixTimeApartFromTheServerTime() {
        Parsed parsed = parse("fleet/vehicle/van1/location",
                "{\"lat\":52.5,\"lon\":13.4,\"speedKmh\":42.0,\"heading\":270,\"accuracy\":3.5,\"ts\":1795334390}");

        assertThat(parsed).isEqualTo(new Parsed.VehiclePosition(new Position("van1", 52.5, 13.4, 42.0, 270.0, 3.5,
                Instant.parse("2026-11-22T07:59:50Z"), NOW)));
    }

    @Test
    void anOwnTracksLocationIsAPosition() {
        Parsed parsed = parse("fleet/vehicle/phone/location", "{\"_type\":\"location\",\"lat\":48.1,\"lon\":11.5,"
                + "\"tst\":1795334390,\"vel\":30,\"cog\":90,\"acc\":5,\"tid\":\"ph\",\"batt\":80}");

        assertThat(parsed).isEqualTo(new Parsed.VehiclePosition(new Position("phone", 48.1, 11.5, 30.0, 90.0, 5.0,
                Instant.parse("2026-11-22T07:59:50Z"), NOW)));
    }

    @Test
    void badPositionsAreRejectedWithAReason() {
        for (String row : new String[] {
                "{\"lat\":91,\"lon\":0}                       | out-of-range",
                "{\"lat\":0,\"lon\":-181}                     | out-of-range",
                "{\"lat\":0,\"lon\":0,\"speedKmh\":-1}        | out-of-range",
                "{\"lat\":0,\"lon\":0,\"heading\":361}        | out-of-range",
                "{\"lat\":0,\"lon\":0,\"accuracy\":-2}        | out-of-range",
                "{\"lon\":0}                                  | unparseable",
                "{\"_type\":\"transition\",\"lat\":0,\"lon\":0} | unsupported-type",
                "fast                                         | unparseable"}) {
            String[] cells = row.split("\\|", -1);
            String payload = cells[0].trim();
            String reason = cells[1].trim();
            assertThat(parse("fleet/vehicle/van1/location", payload)).isInstanceOfSatisfying(Parsed.Rejected.class,
                    r -> assertThat(r.reason()).isEqualTo(reason));
        }
    }
}
