package io.eventyard.broker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.rabbitmq.client.Channel;

import io.eventyard.broker.http.RunningBroker.Reply;
import io.micronaut.json.tree.JsonNode;

/** Health and Prometheus metrics of a running broker, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthAndMetricsIT {

    private RunningBroker broker;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        broker = RunningBroker.start(dataDir);
    }

    @AfterAll
    void stop() {
        broker.close();
    }

    @Test
    void reportsUpWithTheCoreThreadAndTheAmqpListener() {
        Reply health = broker.get("/health");

        assertThat(health.status()).isEqualTo(200);
        JsonNode details = health.json().get("details");
        assertThat(health.json().get("status").getStringValue()).isEqualTo("UP");
        assertThat(details.get("brokerCore").get("status").getStringValue()).isEqualTo("UP");
        assertThat(details.get("amqpListener").get("status").getStringValue()).isEqualTo("UP");
        assertThat(details.get("amqpListener").get("details").get("port").getIntValue())
                .isEqualTo(broker.broker().amqpPort());
    }

    @Test
    void splitsLivenessFromReadiness() {
        JsonNode liveness = broker.get("/health/liveness").json().get("details");
        JsonNode readiness = broker.get("/health/readiness").json().get("details");

        assertThat(liveness.get("brokerCore")).isNotNull();
        assertThat(liveness.get("amqpListener")).isNull();
        assertThat(readiness.get("amqpListener")).isNotNull();
    }

    @Test
    void exposesQueueDepthConsumersAndMessageTotalsToPrometheus() throws Exception {
        Channel channel = broker.amqpAsGuest().createChannel();
        channel.queueDeclare("metered-q", false, false, false, null);
        channel.basicPublish("", "metered-q", null, "1".getBytes());
        channel.basicPublish("", "metered-q", null, "2".getBytes());
        channel.basicPublish("", "metered-q", null, "3".getBytes());
        channel.basicGet("metered-q", false);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            String scrape = broker.get("/prometheus").body();
            assertThat(scrape).contains("broker_queue_messages_ready{queue=\"metered-q\",vhost=\"/\"} 2.0");
            assertThat(scrape).contains("broker_queue_messages_unacked{queue=\"metered-q\",vhost=\"/\"} 1.0");
            assertThat(scrape).contains("broker_queue_consumers{queue=\"metered-q\",vhost=\"/\"} 0.0");
            assertThat(scrape).contains("broker_connections 1.0");
            assertThat(scrape).contains("broker_channels 1.0");
            assertThat(scrape).containsPattern("broker_messages_published_total [3-9]");
            assertThat(scrape).containsPattern("broker_messages_delivered_total [1-9]");
        });
    }

    @Test
    void exposesTheStoresFsyncLatencyOnceAPersistentMessageWasStored() throws Exception {
        Channel channel = broker.amqpAsGuest().createChannel();
        channel.queueDeclare("fsynced-q", true, false, false, null);
        channel.confirmSelect();
        channel.basicPublish("", "fsynced-q", com.rabbitmq.client.MessageProperties.PERSISTENT_BASIC, "1".getBytes());
        channel.waitForConfirmsOrDie(5000);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            String scrape = broker.get("/prometheus").body();
            assertThat(scrape).containsPattern("broker_store_fsync_seconds_count [1-9]");
            assertThat(scrape).containsPattern("broker_store_fsync_seconds_sum [0-9.E-]+");
            assertThat(scrape).containsPattern("broker_store_fsync_max_seconds [0-9.E-]+");
        });
        channel.queueDelete("fsynced-q");
    }

    @Test
    void dropsTheGaugesOfADeletedQueue() throws Exception {
        Channel channel = broker.amqpAsGuest().createChannel();
        channel.queueDeclare("short-lived-q", false, false, false, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.get("/prometheus").body().contains("short-lived-q"));

        channel.queueDelete("short-lived-q");

        await().atMost(Duration.ofSeconds(5)).until(() -> !broker.get("/prometheus").body().contains("short-lived-q"));
    }
}
