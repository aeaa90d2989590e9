package io.eventyard.broker.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.rabbitmq.client.Channel;

import io.eventyard.broker.http.RunningBroker;
import io.eventyard.broker.http.RunningBroker.Reply;
import io.eventyard.broker.scenario.harness.CloseReason;
import io.micronaut.json.tree.JsonNode;

/** {@code /api/topic-permissions} as RabbitMQ's management API has it, and what AMQP clients then may do. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicPermissionApiIT {

    private RunningBroker broker;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        broker = RunningBroker.start(dataDir);
        broker.broker().admin().addUser("watcher", "watcher-pw", "management");
        broker.broker().admin().addUser("sensor", "sensor-pw");
        broker.broker().admin().setPermissions("sensor", "/", ".*", ".*", ".*");
    }

    @AfterAll
    void stop() {
        broker.close();
    }

    @Test
    void setsListsAndDeletesAUsersTopicPermissionsAndAmqpPublishersFeelThem() throws Exception {
        Reply created = broker.putJson("/api/topic-permissions/%2F/sensor", "guest", "guest",
                "{\"exchange\":\"amq.topic\",\"write\":\"^home\\\\..*\",\"read\":\".*\"}");
        Reply second = broker.putJson("/api/topic-permissions/%2F/sensor", "guest", "guest",
                "{\"exchange\":\"events\",\"write\":\"\",\"read\":\"^{username}\\\\.\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(second.status()).as("the user's set on the vhost existed already").isEqualTo(204);
        JsonNode mine = broker.get("/api/topic-permissions/%2F/sensor", "guest", "guest").json();
        assertThat(summaries(mine)).containsExactly("sensor / amq.topic ^home\\..* .*", "sensor / events  ^{username}\\.");
        assertThat(summaries(broker.get("/api/topic-permissions", "guest", "guest").json()))
                .contains("sensor / amq.topic ^home\\..* .*", "sensor / events  ^{username}\\.");

        Channel channel = broker.amqp("sensor", "sensor-pw", "/").createChannel();
        channel.basicPublish("amq.topic", "garage.door", null, "open".getBytes(StandardCharsets.UTF_8));
        assertThat(CloseReason.awaitedFrom(channel)).isEqualTo(CloseReason.channel(403, "ACCESS_REFUSED - write access"
                + " to topic 'garage.door' in exchange 'amq.topic' in vhost '/' refused for user 'sensor'"));

        assertThat(broker.delete("/api/topic-permissions/%2F/sensor", "guest", "guest").status()).isEqualTo(204);
        assertThat(broker.get("/api/topic-permissions/%2F/sensor", "guest", "guest").status()).isEqualTo(404);
        assertThat(broker.delete("/api/topic-permissions/%2F/sensor", "guest", "guest").status()).isEqualTo(404);
        Channel again = broker.amqp("sensor", "sensor-pw", "/").createChannel();
        again.confirmSelect();
        again.basicPublish("amq.topic", "garage.door", null, "open".getBytes(StandardCharsets.UTF_8));
        again.waitForConfirmsOrDie(5_000);
    }

    @Test
    void replacesTheTopicPermissionOfAnExchange() {
        broker.broker().admin().addUser("replaced", "replaced-pw");
        broker.putJson("/api/topic-permissions/%2F/replaced", "guest", "guest",
                "{\"exchange\":\"amq.topic\",\"write\":\"^a\",\"read\":\"^a\"}");

        Reply replaced = broker.putJson("/api/topic-permissions/%2F/replaced", "guest", "guest",
                "{\"exchange\":\"amq.topic\",\"write\":\"^b\",\"read\":\"^c\"}");

        assertThat(replaced.status()).isEqualTo(204);
        assertThat(summaries(broker.get("/api/topic-permissions/%2F/replaced", "guest", "guest").json()))
                .containsExactly("replaced / amq.topic ^b ^c");
        broker.broker().admin().deleteUser("replaced");
    }

    @Test
    void answersAMissingUserOrVhostAsRabbitMqDoes() {
        String body = "{\"exchange\":\"amq.topic\",\"write\":\".*\",\"read\":\".*\"}";

        Reply noUser = broker.putJson("/api/topic-permissions/%2F/nobody", "guest", "guest", body);
        Reply noVhost = broker.putJson("/api/topic-permissions/nowhere/sensor", "guest", "guest", body);

        assertThat(noUser.status()).isEqualTo(400);
        assertThat(noUser.json().get("reason").getStringValue()).isEqualTo("vhost_or_user_not_found");
        assertThat(noVhost.status()).isEqualTo(400);
        assertThat(broker.get("/api/topic-permissions/%2F/nobody", "guest", "guest").status()).isEqualTo(404);
        assertThat(broker.get("/api/topic-permissions/nowhere/sensor", "guest", "guest").status()).isEqualTo(404);
    }

    @Test
    void answersMalformedBodiesWith400() {
        Reply badRegex = broker.putJson("/api/topic-permissions/%2F/sensor", "guest", "guest",
                "{\"exchange\":\"amq.topic\",\"write\":\"(\",\"read\":\"\"}");
        Reply missingExchange = broker.putJson("/api/topic-permissions/%2F/sensor", "guest", "guest",
                "{\"write\":\".*\",\"read\":\".*\"}");

        assertThat(badRegex.status()).isEqualTo(400);
        assertThat(badRegex.json().get("error").getStringValue()).isEqualTo("bad_request");
        assertThat(missingExchange.status()).isEqualTo(400);
    }

    @Test
    void isForAdministratorsOnly() {
        assertThat(broker.get("/api/topic-permissions", "watcher", "watcher-pw").status()).isEqualTo(403);
        assertThat(broker.putJson("/api/topic-permissions/%2F/sensor", "watcher", "watcher-pw",
                "{\"exchange\":\"amq.topic\",\"write\":\".*\",\"read\":\".*\"}").status()).isEqualTo(403);
        assertThat(broker.get("/api/topic-permissions", "guest", "wrong").status()).isEqualTo(401);
    }

    /** Each entry as "user vhost exchange write read". */
    private static List<String> summaries(JsonNode array) {
        List<String> summaries = new ArrayList<>();
        for (JsonNode p : array.values()) {
            summaries.add(p.get("user").getStringValue() + " " + p.get("vhost").getStringValue() + " "
                    + p.get("exchange").getStringValue() + " " + p.get("write").getStringValue() + " "
                    + p.get("read").getStringValue());
        }
        return summaries;
    }
}
