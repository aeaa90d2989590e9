package io.eventyard.broker.scenario;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.impl.AMQImpl;
import io.eventyard.broker.scenario.harness.BrokerTarget;
import io.eventyard.broker.scenario.harness.Bystander;
import io.eventyard.broker.scenario.harness.CloseReason;
import io.eventyard.broker.scenario.harness.ForEachBrokerTarget;
import io.eventyard.broker.scenario.harness.MethodWriter;
import io.eventyard.broker.scenario.harness.RawAmqpSocket;
import io.eventyard.broker.scenario.harness.Scenario;
import io.eventyard.broker.scenario.harness.Waits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.TimeUnit;

import static io.eventyard.broker.scenario.harness.Bodies.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Channel life cycle and the errors that end it. A soft error (4xx) closes the channel and nothing else; a hard
 * error (5xx) closes the connection and nothing else. Each scenario checks the reply code and RabbitMQ's text,
 * then that a bystander channel on the same connection (soft errors) and one on another connection keep working.
 */
@ForEachBrokerTarget
class ChannelErrorScenarioIT {

    @RegisterExtension
    final Scenario scenario;

    private Connection connection;
    private Channel channel;
    private Bystander sameConnection;
    private Bystander otherConnection;

    ChannelErrorScenarioIT(BrokerTarget target) {
        this.scenario = new Scenario(target);
    }

    @BeforeEach
    void openConnectionsWithBystanders() throws Exception {
        connection = scenario.connect();
        channel = connection.createChannel();
        sameConnection = Bystander.on(connection);
        otherConnection = Bystander.on(scenario.connect());
    }

    @Test
    void opensClosesAndReopensAChannelNumber() throws Exception {
        Channel numbered = connection.createChannel(42);
        numbered.queueDeclare();
        numbered.close();

        Channel again = connection.createChannel(42);
        assertThat(again.queueDeclare().getQueue()).startsWith("amq.gen-");
    }

    @Test
    void acknowledgesChannelFlowActive() throws Exception {
        AMQP.Channel.FlowOk flowOk = (AMQP.Channel.FlowOk) channel.asyncCompletableRpc(new AMQImpl.Channel.Flow(true))
                .get(Waits.DEFAULT.toMillis(), TimeUnit.MILLISECONDS).getMethod();

        assertThat(flowOk.getActive()).isTrue();
        sameConnection.assertStillServes();
    }

    @Test
    void closesTheConnectionWith540ForChannelFlowInactive() throws Exception {
        // Clients may not pause a RabbitMQ 3.10 channel; the broker only ever pauses publishers (connection.blocked).
        channel.asyncRpc(new AMQImpl.Channel.Flow(false));

        assertThat(CloseReason.awaitedFrom(connection)).isEqualTo(CloseReason.connection(540, "NOT_IMPLEMENTED - active=false"));
        otherConnection.assertStillServes();
    }

    @Test
    void closesTheChannelWith404ForAMissingQueue() throws Exception {
        String queue = scenario.uniqueName("missing");

        assertThat(CloseReason.thrownBy(() -> channel.queueDeclarePassive(queue)))
                .isEqualTo(CloseReason.channel(404, "NOT_FOUND - no queue '" + queue + "' in vhost '/'"));
        assertOnlyTheChannelClosed();
    }

    @Test
    void closesTheChannelWith404WhenPublishingToAMissingExchange() throws Exception {
        String exchange = scenario.uniqueName("missing");

        channel.basicPublish(exchange, "key", null, bytes("lost"));

        assertThat(CloseReason.awaitedFrom(channel))
                .isEqualTo(CloseReason.channel(404, "NOT_FOUND - no exchange '" + exchange + "' in vhost '/'"));
        assertOnlyTheChannelClosed();
    }

    @Test
    void closesTheChannelWith404WhenBindingToAMissingExchange() throws Exception {
        String queue = scenario.queueName("bound");
        String exchange = scenario.uniqueName("missing");
        channel.queueDeclare(queue, false, false, false, null);

        assertThat(CloseReason.thrownBy(() -> channel.queueBind(queue, exchange, "key")))
                .isEqualTo(CloseReason.channel(404, "NOT_FOUND - no exchange '" + exchange + "' in vhost '/'"));
        assertOnlyTheChannelClosed();
    }

    @Test
    void closesTheChannelWith405ForAnotherConnectionsExclusiveQueue() throws Exception {
        String queue = scenario.queueName("exclusive");
        scenario.connect().createChannel().queueDeclare(queue, false, true, false, null);

        assertThat(CloseReason.thrownBy(() -> channel.basicConsume(queue, new DefaultConsumer(channel))))
                .isEqualTo(CloseReason.channel(405, "RESOURCE_LOCKED - cannot obtain exclusive access to locked queue '"
                        + queue + "' in vhost '/'. It could be originally declared on another connection or the "
                        + "exclusive property value does not match that of the original declaration."));
        assertOnlyTheChannelClosed();
    }

    @Test
    void closesTheChannelWith406ForAQueueRedeclaredInequivalently() throws Exception {
        String queue = scenario.queueName("transient");
        channel.queueDeclare(queue, false, false, false, null);

        assertThat(CloseReason.thrownBy(() -> channel.queueDeclare(queue, true, false, false, null)))
                .isEqualTo(CloseReason.channel(406, "PRECONDITION_FAILED - inequivalent arg 'durable' for queue '"
                        + queue + "' in vhost '/': received 'true' but current is 'false'"));
        assertOnlyTheChannelClosed();
    }

    @Test
    void closesTheChannelWith406ForAnExchangeRedeclaredWithAnotherType() throws Exception {
        String exchange = scenario.exchangeName("direct");
        channel.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT);

        assertThat(CloseReason.thrownBy(() -> channel.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT)))
                .isEqualTo(CloseReason.channel(406, "PRECONDITION_FAILED - inequivalent arg 'type' for exchange '"
                        + exchange + "' in vhost '/': received 'fanout' but current is 'direct'"));
        assertOnlyTheChannelClosed();
    }

    @Test
    void closesTheChannelWith406ForAnUnknownDeliveryTag() throws Exception {
        channel.basicAck(42, false);

        assertThat(CloseReason.awaitedFrom(channel)).isEqualTo(CloseReason.channel(406, "PRECONDITION_FAILED - unknown delivery tag 42"));
        assertOnlyTheChannelClosed();
    }

    @Test
    void closesTheChannelWith403ForDeclaringAnExchangeWithTheReservedPrefix() throws Exception {
        assertThat(CloseReason.thrownBy(() -> channel.exchangeDeclare("amq.scenario", BuiltinExchangeType.DIRECT)))
                .isEqualTo(CloseReason.channel(403, "ACCESS_REFUSED - exchange name 'amq.scenario' contains reserved prefix 'amq.*'"));
        assertOnlyTheChannelClosed();
    }

    @Test
    void closesTheChannelWith403ForDeclaringAQueueWithTheReservedPrefix() throws Exception {
        assertThat(CloseReason.thrownBy(() -> channel.queueDeclare("amq.scenario", false, false, false, null)))
                .isEqualTo(CloseReason.channel(403, "ACCESS_REFUSED - queue name 'amq.scenario' contains reserved prefix 'amq.*'"));
        assertOnlyTheChannelClosed();
    }

    @Test
    void closesTheChannelWith403ForDeletingASystemExchange() throws Exception {
        assertThat(CloseReason.thrownBy(() -> channel.exchangeDelete("amq.direct")))
                .isEqualTo(CloseReason.channel(403, "ACCESS_REFUSED - deletion of system exchange 'amq.direct' in vhost '/' not allowed"));
        assertOnlyTheChannelClosed();
    }

    @Test
    void closesTheChannelWith403ForBindingToTheDefaultExchange() throws Exception {
        String queue = scenario.queueName("default-bound");
        channel.queueDeclare(queue, false, false, false, null);

        assertThat(CloseReason.thrownBy(() -> channel.queueBind(queue, "", "key")))
                .isEqualTo(CloseReason.channel(403, "ACCESS_REFUSED - operation not permitted on the default exchange"));
        assertOnlyTheChannelClosed();
    }

    @Test
    void closesTheChannelWith403ForDeletingTheDefaultExchange() throws Exception {
        assertThat(CloseReason.thrownBy(() -> channel.exchangeDelete("")))
                .isEqualTo(CloseReason.channel(403, "ACCESS_REFUSED - operation not permitted on the default exchange"));
        assertOnlyTheChannelClosed();
    }

    @Test
    void closesTheConnectionWith540ForAnImmediatePublish() throws Exception {
        String queue = scenario.queueName("immediate");
        channel.queueDeclare(queue, false, false, false, null);

        channel.basicPublish("", queue, false, true, null, bytes("now or never"));

        assertThat(CloseReason.awaitedFrom(connection)).isEqualTo(CloseReason.connection(540, "NOT_IMPLEMENTED - immediate=true"));
        otherConnection.assertStillServes();
    }

    @Test
    void closesTheConnectionWith540ForANonZeroPrefetchSize() throws Exception {
        assertThat(CloseReason.thrownBy(() -> channel.basicQos(1024, 10, false)))
                .isEqualTo(CloseReason.connection(540, "NOT_IMPLEMENTED - prefetch_size!=0 (1024)"));
        assertThat(connection.isOpen()).isFalse();
        otherConnection.assertStillServes();
    }

    @Test
    void closesTheConnectionWith530ForAReusedConsumerTag() throws Exception {
        String queue = scenario.queueName("consumed");
        channel.queueDeclare(queue, false, false, false, null);
        channel.basicConsume(queue, true, "scenario-tag", new DefaultConsumer(channel));

        assertThat(CloseReason.thrownBy(() -> channel.basicConsume(queue, true, "scenario-tag", new DefaultConsumer(channel))))
                .isEqualTo(CloseReason.connection(530, "NOT_ALLOWED - attempt to reuse consumer tag 'scenario-tag'"));
        otherConnection.assertStillServes();
    }

    @Test
    void closesTheConnectionWith503ForAnUnknownExchangeType() throws Exception {
        String exchange = scenario.exchangeName("odd-type");

        assertThat(CloseReason.thrownBy(() -> channel.exchangeDeclare(exchange, "no-such-type")))
                .isEqualTo(CloseReason.connection(503, "COMMAND_INVALID - unknown exchange type 'no-such-type'"));
        otherConnection.assertStillServes();
    }

    @Test
    void closesTheConnectionWith504ForASecondChannelOpenOnTheSameNumber() throws Exception {
        try (RawAmqpSocket raw = RawAmqpSocket.connect(scenario.target().connectionFactory())) {
            raw.handshake();
            raw.openChannel(1);
            raw.writeMethod(1, MethodWriter.method(20, 10).shortString(""));

            assertThat(raw.awaitConnectionClose()).isEqualTo(CloseReason.connection(504, "CHANNEL_ERROR - second 'channel.open' seen"));
        }
        otherConnection.assertStillServes();
    }

    @Test
    void closesTheConnectionWith504ForAMethodOnAnUnopenedChannel() throws Exception {
        try (RawAmqpSocket raw = RawAmqpSocket.connect(scenario.target().connectionFactory())) {
            raw.handshake();
            raw.writeMethod(5, MethodWriter.method(50, 10).shortInt(0).shortString("")
                    .bits(false, false, true, true, false).emptyTable());

            assertThat(raw.awaitConnectionClose()).isEqualTo(CloseReason.connection(504, "CHANNEL_ERROR - expected 'channel.open'"));
        }
        otherConnection.assertStillServes();
    }

    private void assertOnlyTheChannelClosed() throws Exception {
        assertThat(channel.isOpen()).as("the failed channel").isFalse();
        assertThat(connection.isOpen()).as("its connection").isTrue();
        sameConnection.assertStillServes();
        otherConnection.assertStillServes();
    }
}
