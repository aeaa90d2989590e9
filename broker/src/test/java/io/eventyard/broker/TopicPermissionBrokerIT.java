package io.eventyard.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.eventyard.broker.core.CoreException;
import io.eventyard.broker.core.auth.Access;
import io.eventyard.broker.core.auth.TopicPermission;
import io.eventyard.broker.core.message.Message;
import io.eventyard.broker.core.message.MessageProperties;
import io.eventyard.broker.scenario.harness.CloseReason;

/**
 * Topic permissions in the embedded broker: kept across a restart, removed with their user or vhost, checked on
 * every key a publish is routed by and on the stateless publish path. (The AMQP behaviour shared with RabbitMQ
 * is in {@code TopicPermissionScenarioIT}.)
 */
class TopicPermissionBrokerIT {

    private static final String PASSWORD = "alice-pw";

    @TempDir
    Path dataDir;

    @Test
    void topicPermissionsSurviveARestartAndStillRefuse() throws Exception {
        try (Broker broker = start()) {
            aliceWithEveryResourcePermission(broker, "/");
            broker.admin().setTopicPermissions("alice", "/", "amq.topic", "^home\\.", "^home\\.");
            broker.admin().setTopicPermissions("alice", "/", "events", "", ".*");
        }

        try (Broker broker = start()) {
            assertThat(summaries(broker)).containsExactlyInAnyOrder(
                    "alice / amq.topic ^home\\. ^home\\.", "alice / events  .*");
            try (Connection connection = connectAsAlice(broker)) {
                Channel allowed = connection.createChannel();
                allowed.confirmSelect();
                allowed.basicPublish("amq.topic", "home.light", null, body());
                allowed.waitForConfirmsOrDie(5_000);

                Channel refused = connection.createChannel();
                refused.basicPublish("amq.topic", "office.light", null, body());
                assertThat(CloseReason.awaitedFrom(refused)).isEqualTo(CloseReason.channel(403,
                        "ACCESS_REFUSED - write access to topic 'office.light' in exchange 'amq.topic' in vhost '/'"
                                + " refused for user 'alice'"));
            }
        }
    }

    @Test
    void deletingAUserOrAVhostRemovesItsTopicPermissionsForGood() throws IOException {
        try (Broker broker = start()) {
            broker.admin().addVirtualHost("shop");
            broker.admin().addUser("alice", PASSWORD);
            broker.admin().addUser("bob", "bob-pw");
            for (String user : List.of("alice", "bob")) {
                for (String vhost : List.of("/", "shop")) {
                    broker.admin().setTopicPermissions(user, vhost, "amq.topic", "^x", "^x");
                }
            }

            broker.admin().deleteUser("alice");
            broker.admin().deleteVirtualHost("shop");

            assertThat(summaries(broker)).containsExactly("bob / amq.topic ^x ^x");
            broker.admin().addUser("alice", PASSWORD);
            broker.admin().addVirtualHost("shop");
            assertThat(summaries(broker)).as("a new user or vhost of the same name starts unrestricted")
                    .containsExactly("bob / amq.topic ^x ^x");
        }

        try (Broker broker = start()) {
            assertThat(summaries(broker)).containsExactly("bob / amq.topic ^x ^x");
        }
    }

    @Test
    void clearsTheTopicPermissionOfOneExchangeOrOfAll() throws IOException {
        try (Broker broker = start()) {
            broker.admin().addUser("alice", PASSWORD);
            broker.admin().setTopicPermissions("alice", "/", "amq.topic", ".*", ".*");
            broker.admin().setTopicPermissions("alice", "/", "events", ".*", ".*");
            broker.admin().setTopicPermissions("alice", "/", "audit", ".*", ".*");

            broker.admin().clearTopicPermissions("alice", "/", "events");
            assertThat(summaries(broker)).containsExactlyInAnyOrder("alice / amq.topic .* .*", "alice / audit .* .*");

            broker.admin().clearTopicPermissions("alice", "/");
            assertThat(summaries(broker)).isEmpty();
        }
        try (Broker broker = start()) {
            assertThat(summaries(broker)).isEmpty();
        }
    }

    @Test
    void refusesATopicPermissionForAMissingUserOrVhost() throws IOException {
        try (Broker broker = start()) {
            broker.admin().addUser("alice", PASSWORD);

            assertThatThrownBy(() -> broker.admin().setTopicPermissions("nobody", "/", "amq.topic", ".*", ".*"))
                    .isInstanceOf(CoreException.class).hasMessage("no user 'nobody'");
            assertThatThrownBy(() -> broker.admin().setTopicPermissions("alice", "nowhere", "amq.topic", ".*", ".*"))
                    .isInstanceOf(CoreException.class).hasMessage("no vhost 'nowhere'");
        }
    }

    @Test
    void theCoreCheckRestrictsOnlyTopicExchangesTheUserHasATopicPermissionFor() throws IOException {
        try (Broker broker = start()) {
            broker.admin().addUser("alice", PASSWORD);
            broker.admin().setTopicPermissions("alice", "/", "amq.topic", "^{username}\\.", "^{vhost}$");
            broker.admin().setTopicPermissions("alice", "/", "amq.direct", "^nothing$", "^nothing$");
            broker.admin().setTopicPermissions("alice", "/", "not-declared", "^nothing$", "^nothing$");
            Map<String, String> variables = TopicPermission.variables("alice", "/", null);

            assertThat(check(broker, "alice", "amq.topic", "alice.x", Access.WRITE, variables)).isNull();
            assertThat(check(broker, "alice", "amq.topic", "/", Access.READ, variables)).isNull();
            assertThat(check(broker, "alice", "amq.direct", "anything", Access.WRITE, variables)).isNull();
            assertThat(check(broker, "alice", "not-declared", "anything", Access.WRITE, variables)).isNull();
            assertThat(check(broker, "guest", "amq.topic", "anything", Access.WRITE, variables)).isNull();
            assertThat(check(broker, "alice", "amq.topic", "bob.x", Access.WRITE, variables))
                    .isEqualTo("write access to topic 'bob.x' in exchange 'amq.topic' in vhost '/' refused for user 'alice'");
            assertThat(check(broker, "alice", "amq.topic", "#", Access.READ, variables))
                    .isEqualTo("read access to topic '#' in exchange 'amq.topic' in vhost '/' refused for user 'alice'");
        }
    }

    @Test
    void checksTheCcAndBccKeysOfAPublishToo() throws Exception {
        try (Broker broker = start()) {
            aliceWithEveryResourcePermission(broker, "/");
            broker.admin().setTopicPermissions("alice", "/", "amq.topic", "^home\\.", ".*");
            try (Connection connection = connectAsAlice(broker)) {
                Channel allowed = connection.createChannel();
                allowed.confirmSelect();
                allowed.basicPublish("amq.topic", "home.a", headers(Map.of("CC", List.of("home.b"))), body());
                allowed.waitForConfirmsOrDie(5_000);

                Channel cc = connection.createChannel();
                cc.basicPublish("amq.topic", "home.a", headers(Map.of("CC", List.of("office.b"))), body());
                assertThat(CloseReason.awaitedFrom(cc).text()).isEqualTo("ACCESS_REFUSED - write access to topic"
                        + " 'office.b' in exchange 'amq.topic' in vhost '/' refused for user 'alice'");

                Channel bcc = connection.createChannel();
                bcc.basicPublish("amq.topic", "home.a", headers(Map.of("BCC", List.of("garage.c"))), body());
                assertThat(CloseReason.awaitedFrom(bcc).text()).contains("'garage.c'");
            }
        }
    }

    @Test
    void theStatelessPublishIsCheckedLikeAnAmqpPublish() throws Exception {
        try (Broker broker = start()) {
            aliceWithEveryResourcePermission(broker, "/");
            broker.admin().setTopicPermissions("alice", "/", "amq.topic", "^home\\.", ".*");

            assertThat(broker.publish("/", "alice", new Message("amq.topic", "home.x", MessageProperties.EMPTY, body()))
                    .get(5, TimeUnit.SECONDS)).isNotNull();
            assertThatThrownBy(() -> broker.publish("/", "alice",
                    new Message("amq.topic", "office.x", MessageProperties.EMPTY, body())).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(CoreException.class)
                    .hasMessage("write access to topic 'office.x' in exchange 'amq.topic' in vhost '/' refused for user 'alice'");
        }
    }

    private Broker start() throws IOException {
        return Broker.start(BrokerConfig.forTests(dataDir));
    }

    private static void aliceWithEveryResourcePermission(Broker broker, String vhost) {
        broker.admin().addUser("alice", PASSWORD);
        broker.admin().setPermissions("alice", vhost, ".*", ".*", ".*");
    }

    private static Connection connectAsAlice(Broker broker) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(broker.amqpPort());
        factory.setUsername("alice");
        factory.setPassword(PASSWORD);
        factory.setAutomaticRecoveryEnabled(false);
        return factory.newConnection();
    }

    /** Each topic permission as "user vhost exchange write read". */
    private static List<String> summaries(Broker broker) {
        return broker.core().executor().call(() -> broker.core().topicPermissions().stream()
                .map(p -> p.user() + " " + p.vhost() + " " + p.exchange() + " " + p.write() + " " + p.read())
                .toList());
    }

    /** The refusal text of the core's check, or null when it allows. */
    private static String check(Broker broker, String user, String exchange, String routingKey, Access access,
                                Map<String, String> variables) {
        return broker.core().executor().call(() -> {
            try {
                broker.core().authorizeTopic(user, "/", exchange, routingKey, access, variables);
                return null;
            } catch (CoreException e) {
                assertThat(e.reason()).isEqualTo(CoreException.Reason.ACCESS_REFUSED);
                return e.getMessage();
            }
        });
    }

    private static AMQP.BasicProperties headers(Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder().headers(headers).build();
    }

    private static byte[] body() {
        return "x".getBytes(StandardCharsets.UTF_8);
    }
}
