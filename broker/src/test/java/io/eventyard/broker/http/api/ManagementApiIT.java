package io.eventyard.broker.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

import io.eventyard.broker.http.RunningBroker;
import io.eventyard.broker.http.RunningBroker.Reply;
import io.micronaut.json.tree.JsonNode;

/** The management API against what real AMQP clients did, over real sockets. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementApiIT {

    private RunningBroker broker;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        broker = RunningBroker.start(dataDir);
        broker.broker().admin().addUser("watcher", "watcher-pw", "management");
        broker.broker().admin().setPermissions("watcher", "/", ".*", ".*", ".*");
        broker.broker().admin().addUser("notags", "notags-pw");
        broker.broker().admin().addVirtualHost("hidden");
    }

    @AfterAll
    void stop() {
        broker.close();
    }

    @Test
    void showsAQueueDeclaredOverAmqpWithItsDepthConsumersAndArguments() throws Exception {
        Connection connection = broker.amqpAsGuest();
        Channel channel = connection.createChannel();
        channel.queueDeclare("depth-q", true, false, false, Map.of("x-message-ttl", 60000,
                "x-dead-letter-exchange", "dlx"));
        for (int i = 0; i < 3; i++) {
            channel.basicPublish("", "depth-q", null, ("m" + i).getBytes());
        }
        GetResponse unacked = channel.basicGet("depth-q", false);
        assertThat(unacked).isNotNull();
        channel.basicConsume("depth-q", false, (tag, delivery) -> { }, tag -> { });

        Reply reply = broker.get("/api/queues/%2F/depth-q", "guest", "guest");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode queue = reply.json();
        assertThat(queue.get("name").getStringValue()).isEqualTo("depth-q");
        assertThat(queue.get("vhost").getStringValue()).isEqualTo("/");
        assertThat(queue.get("durable").getBooleanValue()).isTrue();
        assertThat(queue.get("auto_delete").getBooleanValue()).isFalse();
        assertThat(queue.get("messages_unacknowledged").getLongValue()).isGreaterThanOrEqualTo(1);
        assertThat(queue.get("messages").getLongValue()).isEqualTo(3);
        assertThat(queue.get("consumers").getIntValue()).isEqualTo(1);
        assertThat(queue.get("arguments").get("x-message-ttl").getLongValue()).isEqualTo(60000);
        assertThat(queue.get("arguments").get("x-dead-letter-exchange").getStringValue()).isEqualTo("dlx");
        assertThat(names(broker.get("/api/queues", "guest", "guest").json())).contains("depth-q");
        assertThat(names(broker.get("/api/queues/%2F", "guest", "guest").json())).contains("depth-q");
    }

    @Test
    void showsReadyAndUnackedApartWhileAConsumerHoldsMessages() throws Exception {
        Channel channel = broker.amqpAsGuest().createChannel();
        channel.queueDeclare("held-q", false, false, false, null);
        channel.basicPublish("", "held-q", null, "a".getBytes());
        channel.basicPublish("", "held-q", null, "b".getBytes());
        assertThat(channel.basicGet("held-q", false)).isNotNull();

        JsonNode queue = broker.get("/api/queues/%2F/held-q", "guest", "guest").json();

        assertThat(queue.get("messages_ready").getLongValue()).isEqualTo(1);
        assertThat(queue.get("messages_unacknowledged").getLongValue()).isEqualTo(1);
    }

    @Test
    void listsExchangesWithTheDefaultOneAndDeclaredArguments() throws Exception {
        Channel channel = broker.amqpAsGuest().createChannel();
        channel.exchangeDeclare("orders-x", "topic", true, false, Map.of("alternate-exchange", "unrouted"));

        JsonNode exchanges = broker.get("/api/exchanges/%2F", "guest", "guest").json();

        JsonNode orders = byName(exchanges, "orders-x");
        assertThat(orders.get("type").getStringValue()).isEqualTo("topic");
        assertThat(orders.get("arguments").get("alternate-exchange").getStringValue()).isEqualTo("unrouted");
        assertThat(names(exchanges)).contains("", "amq.direct", "amq.topic");
        assertThat(broker.get("/api/exchanges/%2F/amq.default", "guest", "guest").json()
                .get("type").getStringValue()).isEqualTo("direct");
    }

    @Test
    void listsExplicitBindingsAndTheDefaultExchangeBindingOfEachQueue() throws Exception {
        Channel channel = broker.amqpAsGuest().createChannel();
        channel.queueDeclare("bound-q", false, false, false, null);
        channel.queueBind("bound-q", "amq.topic", "order.*", Map.of("x-note", "kept"));

        JsonNode bindings = broker.get("/api/bindings/%2F", "guest", "guest").json();

        List<String> seen = new ArrayList<>();
        for (JsonNode binding : bindings.values()) {
            if (binding.get("destination").getStringValue().equals("bound-q")) {
                seen.add(binding.get("source").getStringValue() + " " + binding.get("routing_key").getStringValue()
                        + " " + binding.get("destination_type").getStringValue());
            }
        }
        assertThat(seen).containsExactly(" bound-q queue", "amq.topic order.* queue");
    }

    @Test
    void showsOpenAmqpConnectionsWithTheirUserAndVhost() throws Exception {
        broker.amqp("watcher", "watcher-pw", "/");

        JsonNode mine = broker.get("/api/connections", "watcher", "watcher-pw").json();
        JsonNode all = broker.get("/api/connections", "guest", "guest").json();

        assertThat(mine.size()).isGreaterThanOrEqualTo(1);
        for (JsonNode connection : mine.values()) {
            assertThat(connection.get("user").getStringValue()).isEqualTo("watcher");
            assertThat(connection.get("vhost").getStringValue()).isEqualTo("/");
            assertThat(connection.get("protocol").getStringValue()).isEqualTo("AMQP 0-9-1");
            assertThat(connection.get("port").getIntValue()).isEqualTo(broker.broker().amqpPort());
            assertThat(connection.get("peer_host").getStringValue()).isEqualTo("127.0.0.1");
            assertThat(connection.get("name").getStringValue())
                    .isEqualTo("127.0.0.1:" + connection.get("peer_port").getIntValue() + " -> 127.0.0.1:"
                            + broker.broker().amqpPort());
            assertThat(connection.get("state").getStringValue()).isEqualTo("running");
            assertThat(connection.get("connected_at").getLongValue()).isPositive();
        }
        assertThat(all.size()).isGreaterThanOrEqualTo(mine.size());
    }

    @Test
    void answersBadCredentialsWith401AndABasicChallenge() {
        Reply reply = broker.get("/api/queues", "guest", "wrong");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Basic realm=");
        assertThat(reply.json().get("error").getStringValue()).isEqualTo("not_authorised");
        assertThat(reply.json().get("reason").getStringValue()).isEqualTo("Login failed");
        assertThat(broker.get("/api/queues").status()).isEqualTo(401);
    }

    @Test
    void refusesAUserWithoutAManagementTagWith403() {
        Reply reply = broker.get("/api/overview", "notags", "notags-pw");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("reason").getStringValue()).isEqualTo("Not management user");
    }

    @Test
    void refusesVhostsWithoutPermissionWith403AndLeavesThemOutOfLists() {
        Reply queues = broker.get("/api/queues/hidden", "watcher", "watcher-pw");

        assertThat(queues.status()).isEqualTo(403);
        assertThat(queues.json().get("reason").getStringValue())
                .isEqualTo("User not authorised to access virtual host");
        assertThat(names(broker.get("/api/vhosts", "watcher", "watcher-pw").json())).doesNotContain("hidden");
        assertThat(names(broker.get("/api/vhosts", "guest", "guest").json())).contains("hidden", "/");
    }

    @Test
    void keepsUserAndPermissionManagementToAdministrators() {
        assertThat(broker.get("/api/users", "watcher", "watcher-pw").status()).isEqualTo(403);
        assertThat(broker.get("/api/permissions", "watcher", "watcher-pw").status()).isEqualTo(403);
        Reply put = broker.putJson("/api/vhosts/sneaky", "watcher", "watcher-pw", "{}");
        assertThat(put.status()).isEqualTo(403);
        assertThat(put.json().get("reason").getStringValue()).isEqualTo("Not administrator user");
    }

    @Test
    void answersUnknownObjectsWith404() {
        Reply queue = broker.get("/api/queues/%2F/no-such-queue", "guest", "guest");
        Reply vhost = broker.get("/api/queues/no-such-vhost", "guest", "guest");

        assertThat(queue.status()).isEqualTo(404);
        assertThat(queue.json().get("error").getStringValue()).isEqualTo("Object Not Found");
        assertThat(vhost.status()).isEqualTo(404);
        assertThat(broker.delete("/api/users/no-such-user", "guest", "guest").status()).isEqualTo(404);
    }

    @Test
    void createsAVhostUserAndPermissionThatAmqpClientsCanUseAndDeletesThemAgain() throws Exception {
        assertThat(broker.putJson("/api/vhosts/shop", "guest", "guest", "").status()).isEqualTo(201);
        assertThat(broker.putJson("/api/vhosts/shop", "guest", "guest", "").status()).isEqualTo(204);
        assertThat(broker.putJson("/api/users/clerk", "guest", "guest",
                "{\"password\":\"clerk-pw\",\"tags\":\"management,monitoring\"}").status()).isEqualTo(201);
        assertThat(broker.putJson("/api/permissions/shop/clerk", "guest", "guest",
                "{\"configure\":\"^clerk-\",\"write\":\".*\",\"read\":\".*\"}").status()).isEqualTo(201);

        Channel channel = broker.amqp("clerk", "clerk-pw", "shop").createChannel();
        channel.queueDeclare("clerk-q", false, false, false, null);
        JsonNode user = broker.get("/api/users/clerk", "guest", "guest").json();
        assertThat(user.get("tags").values()).extracting(JsonNode::getStringValue)
                .containsExactly("management", "monitoring");
        JsonNode permission = broker.get("/api/permissions/shop/clerk", "guest", "guest").json();
        assertThat(permission.get("configure").getStringValue()).isEqualTo("^clerk-");
        assertThat(broker.get("/api/permissions/shop/guest", "guest", "guest").status())
                .as("the creator of a vhost gets every permission on it").isEqualTo(200);

        assertThat(broker.delete("/api/permissions/shop/clerk", "guest", "guest").status()).isEqualTo(204);
        assertThat(broker.delete("/api/users/clerk", "guest", "guest").status()).isEqualTo(204);
        assertThat(broker.delete("/api/vhosts/shop", "guest", "guest").status()).isEqualTo(204);
        assertThat(broker.get("/api/vhosts/shop", "guest", "guest").status()).isEqualTo(404);
        assertThat(broker.get("/api/users/clerk", "guest", "guest").status()).isEqualTo(404);
    }

    @Test
    void answersMalformedDefinitionsWith400() {
        Reply noTags = broker.putJson("/api/users/half", "guest", "guest", "{\"password\":\"x\"}");
        Reply badRegex = broker.putJson("/api/permissions/%2F/watcher", "guest", "guest",
                "{\"configure\":\"(\",\"write\":\"\",\"read\":\"\"}");
        Reply missingKey = broker.putJson("/api/permissions/%2F/watcher", "guest", "guest", "{\"configure\":\"\"}");

        assertThat(noTags.status()).isEqualTo(400);
        assertThat(noTags.json().get("error").getStringValue()).isEqualTo("bad_request");
        assertThat(badRegex.status()).isEqualTo(400);
        assertThat(missingKey.status()).isEqualTo(400);
    }

    @Test
    void overviewCountsWhatTheCallerSees() throws Exception {
        Channel channel = broker.amqpAsGuest().createChannel();
        channel.queueDeclare("overview-q", false, false, false, null);
        channel.basicPublish("", "overview-q", null, "x".getBytes());

        JsonNode overview = broker.get("/api/overview", "guest", "guest").json();
        assertThat(overview.get("alarms").get("mem_alarm").getBooleanValue()).isFalse();
        assertThat(overview.get("alarms").get("mem_limit").getLongValue()).isPositive();
        assertThat(overview.get("alarms").get("disk_free_alarm").getBooleanValue()).isFalse();

        assertThat(overview.get("object_totals").get("queues").getIntValue()).isGreaterThanOrEqualTo(1);
        assertThat(overview.get("queue_totals").get("messages_ready").getLongValue()).isGreaterThanOrEqualTo(1);
        assertThat(overview.get("message_stats").get("publish").getLongValue()).isGreaterThanOrEqualTo(1);
        assertThat(overview.get("listeners").get(0).get("port").getIntValue()).isEqualTo(broker.broker().amqpPort());
        assertThat(overview.get("listeners").get(2).get("protocol").getStringValue()).isEqualTo("http/web-mqtt");
        assertThat(overview.get("listeners").get(2).get("port").getIntValue())
                .isEqualTo(broker.broker().mqttWebSocketPort());
        assertThat(overview.get("mqtt_retained_messages").getIntValue()).isGreaterThanOrEqualTo(0);
        assertThat(broker.get("/api/overview", "watcher", "watcher-pw").json().get("message_stats"))
                .as("broker-wide message stats are for monitoring users").isNull();
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.values().forEach(item -> names.add(item.get("name").getStringValue()));
        return names;
    }

    private static JsonNode byName(JsonNode array, String name) {
        for (JsonNode item : array.values()) {
            if (item.get("name").getStringValue().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no " + name + " in " + array);
    }
}
