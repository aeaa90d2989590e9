package io.eventyard.homehub;

import static io.eventyard.homehub.HubUnderTest.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The ingestion path end to end: real MQTT clients publish, home-hub stores and derives, the REST API shows it.
 * Subclasses choose the broker and database; every id carries the run's id, so runs on shared servers do not
 * meet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IngestionScenarios {

    private static final Duration WAIT = Duration.ofSeconds(30);

    HubUnderTest hub;
    MqttClient device;

    abstract HubUnderTest start() throws Exception;

    @BeforeAll
    void startHub() throws Exception {
        hub = start();
        device = hub.device("sim");
        // home-hub subscribes in the background; a message sent before that is not for it. Wait until it reads.
        String room = "probe" + hub.run;
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            publish(device, "home/" + room + "/probe", "1");
            return !hub.getList("/sensors?room=" + room).isEmpty();
        });
    }

    @AfterAll
    void stopHub() throws Exception {
        if (device != null) {
            device.disconnect();
            device.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void storesReadingsOfEveryPayloadForm() throws Exception {
        String room = "kitchen" + hub.run;
        Instant seconds = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        Instant millis = Instant.now().minusSeconds(50).truncatedTo(ChronoUnit.MILLIS);
        Instant iso = Instant.now().minusSeconds(40).truncatedTo(ChronoUnit.SECONDS);
        publish(device, "home/" + room + "/temperature", "21.5");
        publish(device, "home/" + room + "/humidity",
                "{\"value\":40,\"unit\":\"%\",\"ts\":" + seconds.getEpochSecond() + "}");
        publish(device, "home/" + room + "/power", "{\"value\":120.5,\"unit\":\"W\",\"ts\":" + millis.toEpochMilli() + "}");
        publish(device, "home/" + room + "/motion", "{\"value\":true,\"ts\":\"" + iso + "\"}");

        List<Map<String, Object>> sensors = await().atMost(WAIT)
                .until(() -> hub.getList("/sensors?room=" + room), list -> list.size() == 4);

        assertThat(sensors).extracting(s -> s.get("sensor")).containsExactly("humidity", "motion", "power",
                "temperature");
        assertThat(sensors.get(0)).containsEntry("sensorId", room + "/humidity").containsEntry("unit", "%")
                .containsEntry("measuredAt", seconds.toString());
        assertThat(((Number) sensors.get(0).get("value")).doubleValue()).isEqualTo(40.0);
        assertThat(sensors.get(1)).containsEntry("measuredAt", iso.toString());
        assertThat(((Number) sensors.get(1).get("value")).doubleValue()).isEqualTo(1.0);
        assertThat(sensors.get(2)).containsEntry("measuredAt", millis.toString());
        assertThat(((Number) sensors.get(3).get("value")).doubleValue()).isEqualTo(21.5);
        assertThat(sensors.get(3).get("unit")).isNull();

        Map<String, Object> kitchen = hub.getList("/rooms").stream().filter(r -> r.get("room").equals(room))
                .findFirst().orElseThrow();
        assertThat((List<?>) kitchen.get("sensors")).hasSize(4);
    }

    @Test
    void keepsCountsAndAcknowledgesBadPayloadsAndStoresTheNextGoodOne() throws Exception {
        String room = "hall" + hub.run;
        String topic = "home/" + room + "/temperature";
        double unparseableBefore = rejectedCount("unparseable");
        publish(device, topic, "warm");
        publish(device, topic, "NaN");
        publish(device, topic, "{\"value\":500,\"unit\":\"°C\"}");
        publish(device, topic, "{\"value\":20,\"ts\":\"yesterday\"}");
        publish(device, "home/" + room + "/a/b", "1");
        publish(device, "fleet/vehicle/bad" + hub.run + "/location", "{\"lat\":95,\"lon\":10}");
        publish(device, topic, "19.5");

        await().atMost(WAIT).until(() -> hub.getList("/sensors?room=" + room), list -> list.size() == 1);
        List<Map<String, Object>> rejected = await().atMost(WAIT).until(() -> hub.getList("/rejected?limit=1000")
                .stream().filter(r -> ((String) r.get("topic")).contains(hub.run) && !((String) r.get("topic"))
                        .contains("probe")).toList(), list -> list.size() == 6);

        assertThat(rejected).extracting(r -> r.get("reason")).containsExactlyInAnyOrder("unparseable",
                "out-of-range", "out-of-range", "bad-timestamp", "unknown-topic", "out-of-range");
        assertThat(rejected).filteredOn(r -> "warm".equals(r.get("payload"))).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("topic", topic).containsKey("detail")
                        .containsKey("receivedAt"));
        assertThat(rejectedCount("unparseable")).isGreaterThanOrEqualTo(unparseableBefore + 1);
        assertThat(hub.getList("/vehicles")).noneMatch(v -> v.get("vehicleId").equals("bad" + hub.run));
        assertThat(((Number) hub.getList("/sensors?room=" + room).get(0).get("value")).doubleValue()).isEqualTo(19.5);
    }

    @Test
    void ignoresLightsAndCommandsWithoutRejectingThem() throws Exception {
        String room = "den" + hub.run;
        publish(device, "home/lights/" + room, "{\"on\":true}");
        publish(device, "home/" + room + "/lamp/set", "{\"on\":true}");
        publish(device, "home/" + room + "/temperature", "18");

        await().atMost(WAIT).until(() -> hub.getList("/sensors?room=" + room), list -> list.size() == 1);
        assertThat(hub.getList("/rejected?limit=1000")).noneMatch(r -> ((String) r.get("topic")).contains(room));
    }

    @Test
    void deviceGoesOfflineByItsWillWhenItsConnectionDrops() throws Exception {
        String name = "plug" + hub.run;
        String status = "home/" + name + "/status";
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setWill(status, "offline".getBytes(StandardCharsets.UTF_8), 1, true);
        MqttClient plug = hub.device(name, options);
        try {
            plug.publish(status, "online".getBytes(StandardCharsets.UTF_8), 1, true);
            await().atMost(WAIT).until(() -> device(name), d -> d.isPresent() && Boolean.TRUE.equals(d.get().get("online")));

            plug.disconnectForcibly(0, 0, false); // no DISCONNECT: the broker publishes the will

            Map<String, Object> offline = await().atMost(WAIT).until(() -> device(name),
                    d -> d.isPresent() && Boolean.FALSE.equals(d.get().get("online"))).orElseThrow();
            assertThat(offline).containsEntry("reason", "status");
            assertThat(events("device.", name)).extracting(e -> e.get("kind"))
                    .containsExactly("device.offline", "device.online");
        } finally {
            plug.close();
            device.publish(status, new byte[0], 1, true); // no retained status left on a shared broker
        }
    }

    @Test
    void deviceGoesOfflineWhenNothingIsHeardForTheInactivityTimeout() throws Exception {
        String room = "attic" + hub.run;
        publish(device, "home/" + room + "/temperature", "12");
        await().atMost(WAIT).until(() -> device(room), d -> d.isPresent()
                && Boolean.TRUE.equals(d.get().get("online")));

        Map<String, Object> offline = await().atMost(WAIT).until(() -> device(room),
                d -> d.isPresent() && Boolean.FALSE.equals(d.get().get("online"))).orElseThrow();

        assertThat(offline).containsEntry("reason", "timeout");
        assertThat(events("device.offline", room)).hasSize(1);

        publish(device, "home/" + room + "/temperature", "13");
        assertThat(await().atMost(WAIT).until(() -> device(room), d -> Boolean.TRUE.equals(d.orElseThrow()
                .get("online"))).orElseThrow()).containsEntry("reason", "activity");
    }

    @Test
    void vehiclesEnterAndLeaveGeofencesAndAreReportedForSpeedingLongEnough() throws Exception {
        String vehicle = "van" + hub.run;
        String fenceName = "depot " + hub.run;
        HttpResponse<Map<String, Object>> created = hub.http().exchange(HttpRequest.POST("/geofences",
                Map.of("name", fenceName, "lat", 52.0, "lon", 13.0, "radiusMeters", 500)),
                Argument.mapOf(String.class, Object.class));
        assertThat(created.getStatus().getCode()).isEqualTo(201);
        Object fenceId = created.body().get("id");
        Instant t0 = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        String topic = "fleet/vehicle/" + vehicle + "/location";

        publish(device, topic, position(52.02, 13.0, 50, t0));
        publish(device, topic, position(52.0, 13.0, 50, t0.plusSeconds(10)));
        publish(device, topic, position(52.02, 13.0, 50, t0.plusSeconds(20)));
        publish(device, topic, position(52.05, 13.0, 120, t0.plusSeconds(30)));
        publish(device, topic, position(52.06, 13.0, 125, t0.plusSeconds(35)));
        publish(device, topic, position(52.07, 13.0, 130, t0.plusSeconds(41)));
        publish(device, topic, position(52.08, 13.0, 0.5, t0.plusSeconds(50)));

        Map<String, Object> van = await().atMost(WAIT).until(() -> hub.getList("/vehicles").stream()
                .filter(v -> v.get("vehicleId").equals(vehicle)).findFirst(),
                v -> v.isPresent() && v.get().get("fixTime").equals(t0.plusSeconds(50).toString())).orElseThrow();
        assertThat(van).containsEntry("moving", false).containsEntry("overspeed", false);

        assertThat(events("geofence.", vehicle)).extracting(e -> e.get("kind"), e -> e.get("at"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("geofence.exit", t0.plusSeconds(20).toString()),
                        org.assertj.core.groups.Tuple.tuple("geofence.enter", t0.plusSeconds(10).toString()));
        assertThat(events("vehicle.overspeed", vehicle)).extracting(e -> e.get("kind"), e -> e.get("at"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("vehicle.overspeed.end", t0.plusSeconds(50).toString()),
                        org.assertj.core.groups.Tuple.tuple("vehicle.overspeed", t0.plusSeconds(41).toString()));

        List<Map<String, Object>> track = hub.getList("/vehicles/" + vehicle + "/track?from="
                + t0.minusSeconds(1) + "&to=" + t0.plusSeconds(60));
        assertThat(track).extracting(p -> p.get("fixTime")).containsExactly(t0.toString(),
                t0.plusSeconds(10).toString(), t0.plusSeconds(20).toString(), t0.plusSeconds(30).toString(),
                t0.plusSeconds(35).toString(), t0.plusSeconds(41).toString(), t0.plusSeconds(50).toString());

        hub.http().exchange(HttpRequest.DELETE("/geofences/" + fenceId));
    }

    @Test
    void readsOwnTracksLocations() throws Exception {
        String vehicle = "phone" + hub.run;
        long tst = Instant.now().minusSeconds(5).getEpochSecond();
        publish(device, "fleet/vehicle/" + vehicle + "/location", "{\"_type\":\"location\",\"lat\":48.1,\"lon\":11.5,"
                + "\"tst\":" + tst + ",\"vel\":30,\"cog\":90,\"acc\":5,\"tid\":\"ph\"}");

        Map<String, Object> phone = await().atMost(WAIT).until(() -> hub.getList("/vehicles").stream()
                .filter(v -> v.get("vehicleId").equals(vehicle)).findFirst(), Optional::isPresent).orElseThrow();

        assertThat(phone).containsEntry("moving", true).containsEntry("fixTime", Instant.ofEpochSecond(tst).toString());
        assertThat(((Number) phone.get("speedKmh")).doubleValue()).isEqualTo(30.0);
        assertThat(((Number) phone.get("heading")).doubleValue()).isEqualTo(90.0);
        assertThat(((Number) phone.get("accuracy")).doubleValue()).isEqualTo(5.0);
    }

    @Test
    void geofencesAreValidatedNamingTheField() {
        HttpClientResponseException bad = catchThrowableOfType(() -> hub.http().exchange(HttpRequest.POST(
                "/geofences", Map.of("name", " ", "lat", 91, "lon", 10, "radiusMeters", -5))),
                HttpClientResponseException.class);

        assertThat(bad.getStatus().getCode()).isEqualTo(400);
        assertThat(bad.getResponse().getContentType().orElseThrow().toString()).startsWith("application/problem+json");
        String body = bad.getResponse().getBody(String.class).orElseThrow();
        assertThat(body).contains("\"field\":\"name\"", "\"field\":\"lat\"", "\"field\":\"radiusMeters\"")
                .doesNotContain("\"field\":\"lon\"");

        HttpClientResponseException missing = catchThrowableOfType(() -> hub.http().exchange(
                HttpRequest.GET("/geofences/987654321")), HttpClientResponseException.class);
        assertThat(missing.getStatus().getCode()).isEqualTo(404);
    }

    @Test
    void historyIsAggregatedPerBucketAsJsonAndCsv() throws Exception {
        String room = "cellar" + hub.run;
        String topic = "home/" + room + "/temperature";
        Instant t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
        double[][] readings = {{0, 10}, {20, 20}, {40, 30}, {60, 5}, {90, 7}};
        for (double[] reading : readings) {
            publish(device, topic, "{\"value\":" + reading[1] + ",\"unit\":\"°C\",\"ts\":\""
                    + t0.plusSeconds((long) reading[0]) + "\"}");
        }
        await().atMost(WAIT).until(() -> hub.getList("/sensors?room=" + room),
                list -> list.size() == 1 && ((Number) list.get(0).get("value")).doubleValue() == 7.0);

        String query = "?from=" + t0 + "&to=" + t0.plusSeconds(120) + "&bucket=PT1M";
        Map<String, Object> history = hub.getMap("/sensors/" + room + "/temperature/history" + query);

        assertThat(history).containsEntry("sensorId", room + "/temperature").containsEntry("unit", "°C")
                .containsEntry("bucket", "PT1M");
        List<Map<String, Object>> buckets = (List<Map<String, Object>>) history.get("buckets");
        assertThat(buckets).hasSize(2);
        assertThat(buckets.get(0)).containsEntry("start", t0.toString());
        assertThat(numbers(buckets.get(0))).containsExactly(10.0, 20.0, 30.0, 3.0);
        assertThat(buckets.get(1)).containsEntry("start", t0.plusSeconds(60).toString());
        assertThat(numbers(buckets.get(1))).containsExactly(5.0, 6.0, 7.0, 2.0);

        HttpResponse<String> csv = hub.http().exchange(HttpRequest.GET("/sensors/" + room + "/temperature/history.csv"
                + query), String.class);
        assertThat(csv.getContentType().orElseThrow().toString()).startsWith("text/csv");
        assertThat(csv.body()).isEqualTo("start,min,avg,max,count\r\n"
                + t0 + ",10.0,20.0,30.0,3\r\n"
                + t0.plusSeconds(60) + ",5.0,6.0,7.0,2\r\n");
    }

    @Test
    void badHistoryParametersAreNamedInAProblem() {
        assertProblem("/sensors/x/y/history?bucket=often", "bucket");
        assertProblem("/sensors/x/y/history?bucket=PT0.1S", "bucket");
        assertProblem("/sensors/x/y/history?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&bucket=PT1S", "bucket");
        assertProblem("/sensors/x/y/history.csv?from=monday", "from");
        assertProblem("/sensors/x/y/history?to=2020-01-01", "to");
        assertProblem("/vehicles/x/track?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "from");
    }

    private void assertProblem(String path, String field) {
        HttpClientResponseException bad = catchThrowableOfType(() -> hub.http().exchange(HttpRequest.GET(path)),
                HttpClientResponseException.class);
        assertThat(bad.getStatus().getCode()).as(path).isEqualTo(400);
        assertThat(bad.getResponse().getContentType().orElseThrow().toString()).startsWith("application/problem+json");
        assertThat(bad.getResponse().getBody(String.class).orElseThrow()).as(path).contains("\"field\":\"" + field + "\"");
    }

    private static List<Double> numbers(Map<String, Object> bucket) {
        return List.of(((Number) bucket.get("min")).doubleValue(), ((Number) bucket.get("avg")).doubleValue(),
                ((Number) bucket.get("max")).doubleValue(), ((Number) bucket.get("count")).doubleValue());
    }

    private static String position(double lat, double lon, double speed, Instant ts) {
        return "{\"lat\":" + lat + ",\"lon\":" + lon + ",\"speedKmh\":" + speed + ",\"heading\":0,\"accuracy\":4,"
                + "\"ts\":\"" + ts + "\"}";
    }

    private Optional<Map<String, Object>> device(String name) {
        return hub.getList("/devices").stream().filter(d -> d.get("device").equals(name)).findFirst();
    }

    /** Newest first, as {@code GET /events} answers. */
    private List<Map<String, Object>> events(String kindPrefix, String subject) {
        return hub.getList("/events?limit=1000&kind=" + kindPrefix).stream()
                .filter(e -> e.get("subject").equals(subject)).toList();
    }

    private double rejectedCount(String reason) {
        MeterRegistry meters = hub.service().server().getApplicationContext().getBean(MeterRegistry.class);
        Counter counter = meters.find("homehub.ingest.rejected").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
