package io.eventyard.broker.scenario;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.eventyard.broker.scenario.harness.BrokerTarget;
import io.eventyard.broker.scenario.harness.CloseReason;
import io.eventyard.broker.scenario.harness.ForEachBrokerTarget;
import io.eventyard.broker.scenario.harness.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.eventyard.broker.scenario.harness.Bodies.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RabbitMQ's topic authorisation over AMQP 0-9-1: a user with every resource permission, restricted on one topic
 * exchange by a topic permission. A publish's routing key is checked against the write expression, a binding key
 * from the exchange against the read expression; a refusal closes the channel with 403 and RabbitMQ's text.
 * Exchanges without a topic permission, and exchanges of other types, are not restricted.
 */
@ForEachBrokerTarget
class TopicPermissionScenarioIT {

    private static final String PASSWORD = "topic-pw";

    @RegisterExtension
    final Scenario scenario;

    private String user;
    private String exchange;

    TopicPermissionScenarioIT(BrokerTarget target) {
        this.scenario = new Scenario(target);
    }

    @BeforeEach
    void aUserWithEveryResourcePermissionAndATopicExchange() throws Exception {
        user = scenario.user("topic-user", PASSWORD);
        scenario.target().admin().setPermissions(user, "/", ".*", ".*", ".*");
        exchange = scenario.exchangeName("topic");
        scenario.openChannel().exchangeDeclare(exchange, BuiltinExchangeType.TOPIC);
    }

    @Test
    void closesTheChannelWith403ForARoutingKeyOutsideTheWriteExpression() throws Exception {
        scenario.target().admin().setTopicPermissions(user, "/", exchange, "^home\\.", ".*");
        Channel channel = channelAsUser();

        channel.basicPublish(exchange, "office.light", null, bytes("on"));

        assertRefused(CloseReason.awaitedFrom(channel), "write", "office.light");
        assertThat(channel.getConnection().isOpen()).as("a soft error leaves the connection open").isTrue();
    }

    @Test
    void routesARoutingKeyInsideTheWriteExpression() throws Exception {
        scenario.target().admin().setTopicPermissions(user, "/", exchange, "^home\\.", ".*");
        String queue = boundQueue("home.#");
        Channel channel = channelAsUser();
        channel.confirmSelect();

        channel.basicPublish(exchange, "home.kitchen.light", null, bytes("on"));

        channel.waitForConfirmsOrDie(5_000);
        scenario.awaitMessageCount(queue, 1);
    }

    @Test
    void closesTheChannelWith403ForABindingKeyOutsideTheReadExpression() throws Exception {
        scenario.target().admin().setTopicPermissions(user, "/", exchange, ".*", "^home\\.");
        Channel channel = channelAsUser();
        String queue = scenario.queueName("reader");
        channel.queueDeclare(queue, false, false, false, null);

        assertRefused(CloseReason.thrownBy(() -> channel.queueBind(queue, exchange, "office.#")), "read", "office.#");
    }

    @Test
    void bindsAndUnbindsABindingKeyInsideTheReadExpression() throws Exception {
        scenario.target().admin().setTopicPermissions(user, "/", exchange, "", "^home\\.");
        Channel channel = channelAsUser();
        String queue = scenario.queueName("reader");
        channel.queueDeclare(queue, false, false, false, null);

        channel.queueBind(queue, exchange, "home.#");
        channel.queueUnbind(queue, exchange, "home.#");

        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void checksTheBindingKeyOfAnExchangeToExchangeBindingAgainstTheSourcesReadExpression() throws Exception {
        scenario.target().admin().setTopicPermissions(user, "/", exchange, ".*", "^home\\.");
        String destination = scenario.exchangeName("destination");
        Channel channel = channelAsUser();
        channel.exchangeDeclare(destination, BuiltinExchangeType.FANOUT);
        channel.exchangeBind(destination, exchange, "home.#");

        assertRefused(CloseReason.thrownBy(() -> channel.exchangeBind(destination, exchange, "garage.#")), "read",
                "garage.#");
    }

    @Test
    void leavesExchangesWithoutATopicPermissionUnrestricted() throws Exception {
        scenario.target().admin().setTopicPermissions(user, "/", exchange, "^nothing$", "^nothing$");
        String other = scenario.exchangeName("other-topic");
        scenario.openChannel().exchangeDeclare(other, BuiltinExchangeType.TOPIC);
        Channel channel = channelAsUser();
        channel.confirmSelect();
        String queue = scenario.queueName("other");
        channel.queueDeclare(queue, false, false, false, null);

        channel.queueBind(queue, other, "anything.#");
        channel.basicPublish(other, "anything.at.all", null, bytes("x"));

        channel.waitForConfirmsOrDie(5_000);
        scenario.awaitMessageCount(queue, 1);
    }

    @Test
    void aTopicPermissionOnADirectExchangeRestrictsNothing() throws Exception {
        String direct = scenario.exchangeName("direct");
        scenario.openChannel().exchangeDeclare(direct, BuiltinExchangeType.DIRECT);
        scenario.target().admin().setTopicPermissions(user, "/", direct, "^nothing$", "^nothing$");
        Channel channel = channelAsUser();
        channel.confirmSelect();
        String queue = scenario.queueName("direct");
        channel.queueDeclare(queue, false, false, false, null);

        channel.queueBind(queue, direct, "anything");
        channel.basicPublish(direct, "anything", null, bytes("x"));

        channel.waitForConfirmsOrDie(5_000);
        scenario.awaitMessageCount(queue, 1);
    }

    @Test
    void fillsInTheUsernameVariable() throws Exception {
        scenario.target().admin().setTopicPermissions(user, "/", exchange, "^{username}\\.", ".*");
        Channel allowed = channelAsUser();
        allowed.confirmSelect();

        allowed.basicPublish(exchange, user + ".status", null, bytes("up"));
        allowed.waitForConfirmsOrDie(5_000);
        Channel refused = channelAsUser();
        refused.basicPublish(exchange, "someone-else.status", null, bytes("up"));

        assertThat(CloseReason.awaitedFrom(refused).code()).isEqualTo(403);
    }

    @Test
    void clearingTheTopicPermissionLiftsTheRestriction() throws Exception {
        scenario.target().admin().setTopicPermissions(user, "/", exchange, "^nothing$", "^nothing$");
        scenario.target().admin().clearTopicPermissions(user, "/");
        Channel channel = channelAsUser();
        channel.confirmSelect();

        channel.basicPublish(exchange, "anything", null, bytes("x"));

        channel.waitForConfirmsOrDie(5_000);
    }

    /**
     * A 403 with RabbitMQ's text. Newer RabbitMQ releases start it with the access ("write access to topic..."),
     * older ones such as 3.10 do not; the bundled broker gives the newer text.
     */
    private void assertRefused(CloseReason reason, String access, String routingKey) {
        String text = "access to topic '" + routingKey + "' in exchange '" + exchange + "' in vhost '/' refused for user '"
                + user + "'";
        CloseReason newer = CloseReason.channel(403, "ACCESS_REFUSED - " + access + " " + text);
        if (scenario.target().name().equals("bundled")) {
            assertThat(reason).isEqualTo(newer);
        } else {
            assertThat(reason).isIn(newer, CloseReason.channel(403, "ACCESS_REFUSED - " + text));
        }
    }

    private Channel channelAsUser() throws Exception {
        return scenario.connect(factory -> {
            factory.setUsername(user);
            factory.setPassword(PASSWORD);
        }).createChannel();
    }

    private String boundQueue(String bindingKey) throws Exception {
        String queue = scenario.queueName("bound");
        Channel channel = scenario.openChannel();
        channel.queueDeclare(queue, false, false, false, null);
        channel.queueBind(queue, exchange, bindingKey);
        return queue;
    }
}
