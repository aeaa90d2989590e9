package io.eventyard.broker.scenario;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import io.eventyard.broker.scenario.harness.BrokerTarget;
import io.eventyard.broker.scenario.harness.CloseReason;
import io.eventyard.broker.scenario.harness.ForEachBrokerTarget;
import io.eventyard.broker.scenario.harness.RecordingConsumer;
import io.eventyard.broker.scenario.harness.Scenario;
import io.eventyard.broker.scenario.harness.Waits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static io.eventyard.broker.scenario.harness.Bodies.bytes;
import static io.eventyard.broker.scenario.harness.Bodies.text;
import static io.eventyard.broker.scenario.harness.QueueContents.takeAll;
import static org.assertj.core.api.Assertions.assertThat;

/** Queues: declaration flags, server names, bindings, purge and delete, and the x-arguments RabbitMQ 3.10 reads. */
@ForEachBrokerTarget
class QueueScenarioIT {

    @RegisterExtension
    final Scenario scenario;

    private Channel channel;

    QueueScenarioIT(BrokerTarget target) {
        this.scenario = new Scenario(target);
    }

    @BeforeEach
    void openConfirmingChannel() throws Exception {
        channel = scenario.openChannel();
        channel.confirmSelect();
    }

    @Test
    void declaresPassivelyAnExistingQueueWithItsMessageAndConsumerCounts() throws Exception {
        String queue = declareQueue("counted", null);
        publishAndConfirm(queue, "one", "two");
        scenario.openChannel().basicConsume(queue, false, new DefaultConsumer(channel));

        AMQP.Queue.DeclareOk declared = channel.queueDeclarePassive(queue);

        assertThat(declared.getQueue()).isEqualTo(queue);
        assertThat(declared.getConsumerCount()).isEqualTo(1);
        // Both messages went to the consumer, which holds them unacknowledged: they are not ready any more.
        assertThat(declared.getMessageCount()).isZero();
    }

    @Test
    void namesAQueueDeclaredWithoutANameAmqGen() throws Exception {
        AMQP.Queue.DeclareOk exclusive = channel.queueDeclare();
        // A transient queue that is not exclusive: RabbitMQ 4.x deprecates these (transient_nonexcl_queues);
        // 3.10 accepts them silently.
        AMQP.Queue.DeclareOk shared = channel.queueDeclare("", false, false, false, null);
        scenario.deleteQueueAfterwards(shared.getQueue());

        assertThat(exclusive.getQueue()).startsWith("amq.gen-");
        assertThat(shared.getQueue()).startsWith("amq.gen-").isNotEqualTo(exclusive.getQueue());
    }

    @Test
    void keepsAnExclusiveQueueToItsConnectionAndDeletesItWithTheConnection() throws Exception {
        Connection owner = scenario.connect();
        String queue = scenario.queueName("exclusive");
        owner.createChannel().queueDeclare(queue, false, true, false, null);

        assertThat(CloseReason.thrownBy(() -> channel.queueDeclarePassive(queue)).code()).isEqualTo(405);
        owner.close();

        scenario.awaitQueueGone(queue);
    }

    @Test
    void deletesAnAutoDeleteQueueWhenItsLastConsumerGoesButNotBefore() throws Exception {
        String queue = scenario.queueName("auto-delete");
        channel.queueDeclare(queue, false, false, true, null);
        Channel consumers = scenario.openChannel();
        String first = consumers.basicConsume(queue, true, new DefaultConsumer(consumers));
        String second = consumers.basicConsume(queue, true, new DefaultConsumer(consumers));

        consumers.basicCancel(first);
        assertThat(scenario.queueExists(queue)).as("with one consumer left").isTrue();
        consumers.basicCancel(second);

        scenario.awaitQueueGone(queue);
    }

    @Test
    void keepsAnAutoDeleteQueueThatNeverHadAConsumer() throws Exception {
        String queue = scenario.queueName("auto-delete-unused");
        channel.queueDeclare(queue, false, false, true, null);

        assertThat(scenario.queueExists(queue)).isTrue();
    }

    @Test
    void routesThroughABindingUntilUnbound() throws Exception {
        String exchange = scenario.exchangeName("bindings");
        channel.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT);
        String queue = declareQueue("bound", null);
        channel.queueBind(queue, exchange, "key");

        channel.basicPublish(exchange, "key", null, bytes("while bound"));
        channel.queueUnbind(queue, exchange, "key");
        channel.basicPublish(exchange, "key", null, bytes("after unbind"));
        channel.waitForConfirmsOrDie(Waits.DEFAULT.toMillis());

        assertThat(takeAll(channel, queue)).containsExactly("while bound");
    }

    @Test
    void purgesReadyMessagesAndReportsHowMany() throws Exception {
        String queue = declareQueue("purged", null);
        publishAndConfirm(queue, "1", "2", "3");

        assertThat(channel.queuePurge(queue).getMessageCount()).isEqualTo(3);
        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isZero();
    }

    @Test
    void deletesAQueueAndReportsHowManyMessagesItHeld() throws Exception {
        String queue = declareQueue("deleted", null);
        publishAndConfirm(queue, "1", "2");

        assertThat(channel.queueDelete(queue).getMessageCount()).isEqualTo(2);
        assertThat(scenario.queueExists(queue)).isFalse();
    }

    @Test
    void refusesToDeleteIfEmptyAQueueHoldingMessages() throws Exception {
        String queue = declareQueue("not-empty", null);
        publishAndConfirm(queue, "1");

        assertThat(CloseReason.thrownBy(() -> channel.queueDelete(queue, false, true))).isEqualTo(
                CloseReason.channel(406, "PRECONDITION_FAILED - queue '" + queue + "' in vhost '/' not empty"));
    }

    @Test
    void refusesToDeleteIfUnusedAQueueWithAConsumer() throws Exception {
        String queue = declareQueue("in-use", null);
        scenario.openChannel().basicConsume(queue, true, new DefaultConsumer(channel));

        assertThat(CloseReason.thrownBy(() -> channel.queueDelete(queue, true, false))).isEqualTo(
                CloseReason.channel(406, "PRECONDITION_FAILED - queue '" + queue + "' in vhost '/' in use"));
    }

    @Test
    void expiresMessagesAfterTheQueueMessageTtl() throws Exception {
        String queue = declareQueue("ttl", Map.of("x-message-ttl", 50));
        publishAndConfirm(queue, "short-lived");

        scenario.awaitMessageCount(queue, 0);
        assertThat(channel.basicGet(queue, true)).isNull();
    }

    @Test
    void deletesAnUnusedQueueAfterItsExpiry() throws Exception {
        String queue = declareQueue("expires", Map.of("x-expires", 100));

        // A passive declare counts as use and restarts the expiry: look less often than the queue expires.
        scenario.awaitQueueGone(queue, Duration.ofMillis(300));
    }

    @Test
    void dropsTheOldestMessagesBeyondTheMaxLength() throws Exception {
        String queue = declareQueue("max-length", Map.of("x-max-length", 2));

        publishAndConfirm(queue, "1", "2", "3");

        assertThat(takeAll(channel, queue)).containsExactly("2", "3");
    }

    @Test
    void dropsTheOldestMessagesBeyondTheMaxLengthInBodyBytes() throws Exception {
        String queue = declareQueue("max-length-bytes", Map.of("x-max-length-bytes", 10));

        publishAndConfirm(queue, "1111", "2222", "3333");

        assertThat(takeAll(channel, queue)).containsExactly("2222", "3333");
    }

    @Test
    void refusesNewMessagesBeyondTheMaxLengthWithRejectPublish() throws Exception {
        String queue = declareQueue("reject-publish", Map.of("x-max-length", 2, "x-overflow", "reject-publish"));

        for (String body : new String[] {"1", "2", "3"}) {
            channel.basicPublish("", queue, null, bytes(body));
        }

        assertThat(channel.waitForConfirms(Waits.DEFAULT.toMillis())).as("all confirmed positively").isFalse();
        assertThat(takeAll(channel, queue)).containsExactly("1", "2");
    }

    @Test
    void deadLettersTheRefusedMessagesWithRejectPublishDlx() throws Exception {
        String deadLetters = declareQueue("refused", null);
        String queue = declareQueue("reject-publish-dlx", Map.of("x-max-length", 1, "x-overflow", "reject-publish-dlx",
                "x-dead-letter-exchange", "", "x-dead-letter-routing-key", deadLetters));

        for (String body : new String[] {"kept", "refused"}) {
            channel.basicPublish("", queue, null, bytes(body));
        }

        assertThat(channel.waitForConfirms(Waits.DEFAULT.toMillis())).as("all confirmed positively").isFalse();
        assertThat(takeAll(channel, queue)).containsExactly("kept");
        scenario.awaitMessageCount(deadLetters, 1);
        assertThat(takeAll(channel, deadLetters)).containsExactly("refused");
    }

    @Test
    void deliversToOneConsumerAtATimeWithSingleActiveConsumer() throws Exception {
        String queue = declareQueue("single-active", Map.of("x-single-active-consumer", true));
        Channel consumers = scenario.openChannel();
        RecordingConsumer active = new RecordingConsumer(consumers);
        RecordingConsumer standby = new RecordingConsumer(consumers);
        String activeTag = consumers.basicConsume(queue, true, active);
        consumers.basicConsume(queue, true, standby);

        publishAndConfirm(queue, "1", "2", "3");
        assertThat(active.next(3)).extracting(delivery -> text(delivery.getBody())).containsExactly("1", "2", "3");
        consumers.basicCancel(activeTag);
        publishAndConfirm(queue, "4");

        assertThat(standby.nextBody()).isEqualTo("4");
        assertThat(standby.drained()).isEmpty();
    }

    @Test
    void refusesARedeclarationWithDifferentArguments() throws Exception {
        String queue = declareQueue("arguments", Map.of("x-message-ttl", 1000));

        assertThat(CloseReason.thrownBy(() -> channel.queueDeclare(queue, false, false, false, Map.of("x-message-ttl", 2000))))
                .isEqualTo(CloseReason.channel(406, "PRECONDITION_FAILED - inequivalent arg 'x-message-ttl' for queue '"
                        + queue + "' in vhost '/': received '2000' but current is '1000'"));
    }

    @Test
    void refusesARedeclarationWithoutAnArgumentTheQueueHas() throws Exception {
        String queue = declareQueue("arguments", Map.of("x-message-ttl", 1000));

        assertThat(CloseReason.thrownBy(() -> channel.queueDeclare(queue, false, false, false, null)))
                .isEqualTo(CloseReason.channel(406, "PRECONDITION_FAILED - inequivalent arg 'x-message-ttl' for queue '"
                        + queue + "' in vhost '/': received none but current is the value '1000' of type 'signedint'"));
    }

    @Test
    void acceptsARedeclarationWithAnEqualNumberOfAnotherTypeOrAnUnknownArgument() throws Exception {
        String queue = declareQueue("arguments", Map.of("x-message-ttl", 1000));

        channel.queueDeclare(queue, false, false, false, Map.of("x-message-ttl", 1000L));
        channel.queueDeclare(queue, false, false, false, Map.of("x-message-ttl", 1000, "x-not-a-queue-argument", "ignored"));

        assertThat(channel.isOpen()).isTrue();
    }

    private String declareQueue(String hint, Map<String, Object> arguments) throws Exception {
        String queue = scenario.queueName(hint);
        channel.queueDeclare(queue, false, false, false, arguments);
        return queue;
    }

    private void publishAndConfirm(String queue, String... bodies) throws Exception {
        for (String body : bodies) {
            channel.basicPublish("", queue, null, bytes(body));
        }
        channel.waitForConfirmsOrDie(Waits.DEFAULT.toMillis());
    }
}
