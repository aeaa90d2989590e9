package io.eventyard.homehub;

import static io.eventyard.homehub.HubUnderTest.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventyard.messaging.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;

/** What home-hub keeps is bounded: history by age (retention), rejected payloads by number. */
class RetentionAndBoundsTest {

    @Test
    void oldHistoryIsDeletedAndOnlyTheNewestRejectedPayloadsAreKept() throws Exception {
        try (HubUnderTest hub = HubUnderTest.bundled(TestDatabase.h2("home-hub-bounds"), Map.of(
                "home-hub.retention", "PT1H", "home-hub.retention-interval", "500ms",
                "home-hub.ingest.rejected-keep", "3"))) {
            MqttClient device = hub.device("bounds");
            try {
                String room = "shed" + hub.run;
                Instant old = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
                Instant recent = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
                publish(device, "home/" + room + "/temperature", "{\"value\":1,\"ts\":\"" + old + "\"}");
                publish(device, "home/" + room + "/temperature", "{\"value\":2,\"ts\":\"" + recent + "\"}");
                for (int i = 1; i <= 5; i++) {
                    publish(device, "home/" + room + "/temperature", "bad " + i);
                }

                String history = "/sensors/" + room + "/temperature/history?from=" + old.minusSeconds(60)
                        + "&bucket=PT1H";
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> buckets = await().atMost(Duration.ofSeconds(30)).until(
                        () -> (List<Map<String, Object>>) hub.getMap(history).get("buckets"),
                        list -> list.size() == 1);
                assertThat(((Number) buckets.get(0).get("count")).intValue()).isEqualTo(1);
                assertThat(hub.getList("/sensors?room=" + room)).singleElement()
                        .satisfies(s -> assertThat(((Number) s.get("value")).doubleValue()).isEqualTo(2.0));

                List<Map<String, Object>> rejected = await().atMost(Duration.ofSeconds(30)).until(
                        () -> hub.getList("/rejected?limit=1000"),
                        list -> list.stream().anyMatch(r -> "bad 5".equals(r.get("payload"))));
                assertThat(rejected).extracting(r -> r.get("payload")).containsExactly("bad 5", "bad 4", "bad 3");
            } finally {
                device.disconnect();
                device.close();
            }
        }
    }
}
