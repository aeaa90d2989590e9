package io.eventyard.broker.scenario;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import io.eventyard.broker.scenario.harness.BrokerTarget;
import io.eventyard.broker.scenario.harness.CloseReason;
import io.eventyard.broker.scenario.harness.ForEachBrokerTarget;
import io.eventyard.broker.scenario.harness.RecordingConsumer;
import io.eventyard.broker.scenario.harness.Scenario;
import io.eventyard.broker.scenario.harness.Waits;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.function.IntSupplier;

import static io.eventyard.broker.scenario.harness.Bodies.bytes;
import static io.eventyard.broker.scenario.harness.Bodies.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consuming: push (basic.consume) and pull (basic.get), acknowledgements, prefetch, cancellation. Prefetch is
 * observed through the queue's ready count, which stays put while consumers are at their limit.
 */
@ForEachBrokerTarget
class ConsumeScenarioIT {

    @RegisterExtension
    final Scenario scenario;

    private Channel publisher;
    private Channel consuming;
    private String queue;

    ConsumeScenarioIT(BrokerTarget target) {
        this.scenario = new Scenario(target);
    }

    @BeforeEach
    void declareQueue() throws Exception {
        publisher = scenario.openChannel();
        publisher.confirmSelect();
        consuming = scenario.openChannel();
        queue = scenario.queueName("consumed");
        publisher.queueDeclare(queue, false, false, false, null);
    }

    @Test
    void forgetsMessagesDeliveredWithoutAcknowledgement() throws Exception {
        RecordingConsumer consumer = new RecordingConsumer(consuming);
        consuming.basicConsume(queue, true, consumer);

        publishAndConfirm("1", "2");
        assertThat(consumer.next(2)).extracting(ConsumeScenarioIT::body).containsExactly("1", "2");
        consuming.close();

        assertThat(publisher.queueDeclarePassive(queue).getMessageCount()).isZero();
    }

    @Test
    void requeuesUnacknowledgedMessagesAsRedeliveredWhenTheChannelCloses() throws Exception {
        RecordingConsumer consumer = new RecordingConsumer(consuming);
        consuming.basicConsume(queue, false, consumer);
        publishAndConfirm("unacked");
        assertThat(consumer.next().getEnvelope().isRedeliver()).isFalse();

        consuming.close();

        scenario.awaitMessageCount(queue, 1);
        GetResponse again = publisher.basicGet(queue, true);
        assertThat(text(again.getBody())).isEqualTo("unacked");
        assertThat(again.getEnvelope().isRedeliver()).isTrue();
    }

    @Test
    void refusesASecondConsumerOnAQueueConsumedExclusively() throws Exception {
        consuming.basicConsume(queue, true, "", false, true, null, new DefaultConsumer(consuming));
        Channel second = scenario.openChannel();

        assertThat(CloseReason.thrownBy(() -> second.basicConsume(queue, true, new DefaultConsumer(second)))).isEqualTo(
                CloseReason.channel(403, "ACCESS_REFUSED - queue '" + queue + "' in vhost '/' in exclusive use"));
    }

    @Test
    void refusesAnExclusiveConsumerOnAQueueThatHasAConsumer() throws Exception {
        consuming.basicConsume(queue, true, new DefaultConsumer(consuming));
        Channel second = scenario.openChannel();

        assertThat(CloseReason.thrownBy(() -> second.basicConsume(queue, true, "", false, true, null, new DefaultConsumer(second))))
                .isEqualTo(CloseReason.channel(403, "ACCESS_REFUSED - queue '" + queue + "' in vhost '/' in exclusive use"));
    }

    @Test
    void tagsDeliveriesWithTheClientsConsumerTagOrOneTheBrokerGenerates() throws Exception {
        RecordingConsumer chosen = new RecordingConsumer(consuming);
        RecordingConsumer generated = new RecordingConsumer(consuming);

        String chosenTag = consuming.basicConsume(queue, true, "scenario-consumer", chosen);
        String generatedTag = consuming.basicConsume(queue, true, generated);
        publishAndConfirm("1", "2");

        assertThat(chosenTag).isEqualTo("scenario-consumer");
        assertThat(generatedTag).startsWith("amq.ctag-");
        assertThat(chosen.next().getEnvelope().getDeliveryTag()).isPositive();
        assertThat(generated.next().getEnvelope().getDeliveryTag()).isPositive();
    }

    @Test
    void stopsDeliveringToACancelledConsumer() throws Exception {
        RecordingConsumer consumer = new RecordingConsumer(consuming);
        String tag = consuming.basicConsume(queue, true, consumer);

        consuming.basicCancel(tag);
        assertThat(consumer.awaitCancelOk()).isEqualTo(tag);
        publishAndConfirm("after cancel");

        assertThat(publisher.queueDeclarePassive(queue).getMessageCount()).isEqualTo(1);
        assertThat(consumer.drained()).isEmpty();
    }

    @Test
    void cancelsConsumersWhenTheirQueueIsDeleted() throws Exception {
        RecordingConsumer consumer = new RecordingConsumer(consuming);
        String tag = consuming.basicConsume(queue, true, consumer);

        publisher.queueDelete(queue);

        assertThat(consumer.awaitCancelByBroker()).isEqualTo(tag);
        assertThat(consuming.isOpen()).isTrue();
    }

    @Test
    void limitsUnacknowledgedDeliveriesPerConsumerWithPrefetch() throws Exception {
        consuming.basicQos(2);
        RecordingConsumer consumer = new RecordingConsumer(consuming);
        consuming.basicConsume(queue, false, consumer);

        publishAndConfirm("1", "2", "3", "4", "5");
        List<Delivery> firstTwo = consumer.next(2);
        scenario.awaitMessageCount(queue, 3);
        consuming.basicAck(firstTwo.get(0).getEnvelope().getDeliveryTag(), false);

        assertThat(consumer.nextBody()).isEqualTo("3");
        scenario.awaitMessageCount(queue, 2);
        assertThat(consumer.drained()).isEmpty();
    }

    @Test
    void appliesAPerConsumerPrefetchOnlyToConsumersStartedAfterIt() throws Exception {
        consuming.basicQos(1);
        RecordingConsumer consumer = new RecordingConsumer(consuming);
        consuming.basicConsume(queue, false, consumer);
        consuming.basicQos(3);

        publishAndConfirm("1", "2", "3", "4");
        consumer.next();

        scenario.awaitMessageCount(queue, 3);
        assertThat(consumer.drained()).isEmpty();
    }

    /**
     * RabbitMQ 3.10 reads {@code global=true} as one limit shared by all consumers of the channel, on top of each
     * consumer's own limit. (RabbitMQ 4.x deprecates global QoS (deprecated feature {@code global_qos}), and
     * quorum queues ignore it.)
     */
    @Test
    void sharesAGlobalPrefetchAmongTheChannelsConsumersOnTopOfTheirOwn() throws Exception {
        consuming.basicQos(2, false);
        consuming.basicQos(3, true);
        RecordingConsumer first = new RecordingConsumer(consuming);
        RecordingConsumer second = new RecordingConsumer(consuming);
        consuming.basicConsume(queue, false, first);
        consuming.basicConsume(queue, false, second);

        publishAndConfirm("1", "2", "3", "4", "5", "6");

        awaitTotal(() -> first.deliveredCount() + second.deliveredCount(), 3);
        scenario.awaitMessageCount(queue, 3);
        assertThat(first.deliveredCount() + second.deliveredCount()).isEqualTo(3);
        assertThat(first.deliveredCount()).isLessThanOrEqualTo(2);
        assertThat(second.deliveredCount()).isLessThanOrEqualTo(2);
    }

    @Test
    void getsOneMessageWithTheCountLeftOrNothingFromAnEmptyQueue() throws Exception {
        publishAndConfirm("1", "2", "3");

        GetResponse first = consuming.basicGet(queue, false);
        assertThat(text(first.getBody())).isEqualTo("1");
        assertThat(first.getMessageCount()).isEqualTo(2);
        assertThat(first.getEnvelope().isRedeliver()).isFalse();
        consuming.basicGet(queue, true);
        consuming.basicGet(queue, true);

        assertThat(consuming.basicGet(queue, true)).isNull();
    }

    @Test
    void acknowledgesEveryDeliveryUpToATagWithMultiple() throws Exception {
        RecordingConsumer consumer = new RecordingConsumer(consuming);
        consuming.basicConsume(queue, false, consumer);
        publishAndConfirm("1", "2", "3");
        List<Delivery> deliveries = consumer.next(3);

        consuming.basicAck(deliveries.get(1).getEnvelope().getDeliveryTag(), true);
        consuming.close();

        scenario.awaitMessageCount(queue, 1);
        assertThat(text(publisher.basicGet(queue, true).getBody())).isEqualTo("3");
    }

    @Test
    void requeuesEveryDeliveryUpToATagWithNackMultipleAndRedeliversThem() throws Exception {
        RecordingConsumer consumer = new RecordingConsumer(consuming);
        consuming.basicConsume(queue, false, consumer);
        publishAndConfirm("1", "2", "3");
        List<Delivery> deliveries = consumer.next(3);

        consuming.basicNack(deliveries.get(1).getEnvelope().getDeliveryTag(), true, true);

        List<Delivery> redelivered = consumer.next(2);
        assertThat(redelivered).extracting(ConsumeScenarioIT::body).containsExactly("1", "2");
        assertThat(redelivered).allSatisfy(delivery -> assertThat(delivery.getEnvelope().isRedeliver()).isTrue());
    }

    @Test
    void redeliversARejectedMessageWithRequeueAndDropsOneWithout() throws Exception {
        RecordingConsumer consumer = new RecordingConsumer(consuming);
        consuming.basicConsume(queue, false, consumer);
        publishAndConfirm("requeued", "dropped");
        List<Delivery> deliveries = consumer.next(2);

        consuming.basicReject(deliveries.get(1).getEnvelope().getDeliveryTag(), false);
        consuming.basicReject(deliveries.get(0).getEnvelope().getDeliveryTag(), true);

        Delivery again = consumer.next();
        assertThat(body(again)).isEqualTo("requeued");
        assertThat(again.getEnvelope().isRedeliver()).isTrue();
        consuming.basicAck(again.getEnvelope().getDeliveryTag(), false);
        scenario.awaitMessageCount(queue, 0);
        assertThat(consumer.drained()).isEmpty();
    }

    @Test
    void redeliversUnacknowledgedMessagesOnRecover() throws Exception {
        RecordingConsumer consumer = new RecordingConsumer(consuming);
        consuming.basicConsume(queue, false, consumer);
        publishAndConfirm("1", "2");
        consumer.next(2);

        consuming.basicRecover(true);

        List<Delivery> redelivered = consumer.next(2);
        assertThat(redelivered).extracting(ConsumeScenarioIT::body).containsExactlyInAnyOrder("1", "2");
        assertThat(redelivered).allSatisfy(delivery -> assertThat(delivery.getEnvelope().isRedeliver()).isTrue());
    }

    @Test
    void closesTheConnectionWith540ForRecoverWithoutRequeue() {
        assertThat(CloseReason.thrownBy(() -> consuming.basicRecover(false)))
                .isEqualTo(CloseReason.connection(540, "NOT_IMPLEMENTED - requeue=false"));
    }

    @Test
    void distributesMessagesRoundRobinAmongConsumers() throws Exception {
        RecordingConsumer first = new RecordingConsumer(consuming);
        Channel other = scenario.openChannel();
        RecordingConsumer second = new RecordingConsumer(other);
        consuming.basicConsume(queue, true, first);
        other.basicConsume(queue, true, second);

        publishAndConfirm("1", "2", "3", "4");

        assertThat(first.next(2)).extracting(ConsumeScenarioIT::body).containsExactly("1", "3");
        assertThat(second.next(2)).extracting(ConsumeScenarioIT::body).containsExactly("2", "4");
    }

    private void publishAndConfirm(String... bodies) throws Exception {
        for (String body : bodies) {
            publisher.basicPublish("", queue, null, bytes(body));
        }
        publisher.waitForConfirmsOrDie(Waits.DEFAULT.toMillis());
    }

    private static void awaitTotal(IntSupplier count, int expected) {
        Awaitility.await().atMost(Waits.DEFAULT).pollInterval(Waits.POLL).until(() -> count.getAsInt() >= expected);
    }

    private static String body(Delivery delivery) {
        return text(delivery.getBody());
    }
}
