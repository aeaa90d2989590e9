package io.eventyard.broker.scenario;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import io.eventyard.broker.scenario.harness.BrokerTarget;
import io.eventyard.broker.scenario.harness.CloseReason;
import io.eventyard.broker.scenario.harness.ForEachBrokerTarget;
import io.eventyard.broker.scenario.harness.Scenario;
import io.eventyard.broker.scenario.harness.Waits;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static io.eventyard.broker.scenario.harness.Bodies.bytes;
import static io.eventyard.broker.scenario.harness.QueueContents.takeAll;
import static org.assertj.core.api.Assertions.assertThat;

/** Publisher confirms (acks, multiple acks, nacks) and transactions (commit, rollback, of publishes and acks). */
@ForEachBrokerTarget
class ConfirmAndTxScenarioIT {

    @RegisterExtension
    final Scenario scenario;

    private Channel channel;
    private Channel observer;
    private String queue;

    ConfirmAndTxScenarioIT(BrokerTarget target) {
        this.scenario = new Scenario(target);
    }

    @BeforeEach
    void declareQueue() throws Exception {
        channel = scenario.openChannel();
        observer = scenario.openChannel();
        queue = scenario.queueName("confirmed");
        channel.queueDeclare(queue, false, false, false, null);
    }

    @Test
    void confirmsEveryPublishInSequenceWithAcksThatMayCoverSeveral() throws Exception {
        channel.confirmSelect();
        ConfirmRecord confirms = new ConfirmRecord();
        channel.addConfirmListener(confirms);
        assertThat(channel.getNextPublishSeqNo()).isEqualTo(1);

        for (int i = 0; i < 50; i++) {
            channel.basicPublish("", queue, null, bytes("message " + i));
        }

        assertThat(channel.waitForConfirms(Waits.DEFAULT.toMillis())).isTrue();
        confirms.awaitSettled(50);
        assertThat(confirms.acked()).isEqualTo(sequence(1, 50));
        assertThat(confirms.nacked()).isEmpty();
    }

    @Test
    void confirmsAnUnroutableMandatoryMessageAfterReturningIt() throws Exception {
        channel.confirmSelect();
        List<String> events = new CopyOnWriteArrayList<>();
        channel.addReturnListener(returned -> events.add("return " + returned.getReplyCode()));
        channel.addConfirmListener((tag, multiple) -> events.add("ack " + tag), (tag, multiple) -> events.add("nack " + tag));

        channel.basicPublish("amq.direct", scenario.uniqueName("nobody"), true, null, bytes("unroutable"));

        assertThat(channel.waitForConfirms(Waits.DEFAULT.toMillis())).isTrue();
        Awaitility.await().atMost(Waits.DEFAULT).pollInterval(Waits.POLL).until(() -> events.size() == 2);
        assertThat(events).containsExactly("return 312", "ack 1");
    }

    @Test
    void nacksAPublishThatAFullRejectPublishQueueRefuses() throws Exception {
        String bounded = scenario.queueName("bounded");
        channel.queueDeclare(bounded, false, false, false, Map.of("x-max-length", 2, "x-overflow", "reject-publish"));
        channel.confirmSelect();
        ConfirmRecord confirms = new ConfirmRecord();
        channel.addConfirmListener(confirms);

        for (String body : new String[] {"1", "2", "3"}) {
            channel.basicPublish("", bounded, null, bytes(body));
        }

        assertThat(channel.waitForConfirms(Waits.DEFAULT.toMillis())).isFalse();
        confirms.awaitSettled(3);
        assertThat(confirms.acked()).isEqualTo(sequence(1, 2));
        assertThat(confirms.nacked()).isEqualTo(sequence(3, 3));
        assertThat(takeAll(observer, bounded)).containsExactly("1", "2");
    }

    @Test
    void makesPublishesVisibleOnlyOnCommit() throws Exception {
        channel.txSelect();

        channel.basicPublish("", queue, null, bytes("1"));
        channel.basicPublish("", queue, null, bytes("2"));
        assertThat(observer.queueDeclarePassive(queue).getMessageCount()).as("before commit").isZero();
        channel.txCommit();

        assertThat(takeAll(observer, queue)).containsExactly("1", "2");
    }

    @Test
    void deliversOnCommitToTheQueuesChosenAtPublishEvenWhenTheExchangeIsGoneByThen() throws Exception {
        String exchange = scenario.exchangeName("routed-at-publish");
        observer.exchangeDeclare(exchange, "fanout");
        observer.queueBind(queue, exchange, "");
        channel.txSelect();

        channel.basicPublish("", queue, null, bytes("before"));
        channel.basicPublish(exchange, "", null, bytes("through the exchange"));
        channel.basicPublish("", queue, null, bytes("after"));
        observer.exchangeDelete(exchange);
        channel.txCommit();

        // RabbitMQ 3.10 routes a transactional publish when it arrives; the commit only delivers.
        assertThat(takeAll(observer, queue)).containsExactly("before", "through the exchange", "after");
    }

    @Test
    void discardsPublishesOnRollback() throws Exception {
        channel.txSelect();

        channel.basicPublish("", queue, null, bytes("rolled back"));
        channel.txRollback();
        channel.basicPublish("", queue, null, bytes("committed"));
        channel.txCommit();

        assertThat(takeAll(observer, queue)).containsExactly("committed");
    }

    @Test
    void appliesAcknowledgementsOnCommitAndDiscardsThemOnRollback() throws Exception {
        observer.basicPublish("", queue, null, bytes("rolled back ack"));
        observer.basicPublish("", queue, null, bytes("committed ack"));
        scenario.awaitMessageCount(queue, 2);
        channel.txSelect();
        long first = channel.basicGet(queue, false).getEnvelope().getDeliveryTag();
        long second = channel.basicGet(queue, false).getEnvelope().getDeliveryTag();

        channel.basicAck(first, false);
        channel.txRollback();
        channel.basicAck(second, false);
        channel.txCommit();
        channel.close();

        // The rolled back ack left its message unacknowledged, so closing the channel requeued it.
        scenario.awaitMessageCount(queue, 1);
        assertThat(takeAll(observer, queue)).containsExactly("rolled back ack");
    }

    @Test
    void closesTheChannelWith406ForCommitWithoutSelect() {
        assertThat(CloseReason.thrownBy(() -> channel.txCommit()))
                .isEqualTo(CloseReason.channel(406, "PRECONDITION_FAILED - channel is not transactional"));
    }

    @Test
    void closesTheChannelWith406ForConfirmSelectOnATransactionalChannel() throws Exception {
        channel.txSelect();

        assertThat(CloseReason.thrownBy(() -> channel.confirmSelect()))
                .isEqualTo(CloseReason.channel(406, "PRECONDITION_FAILED - cannot switch from tx to confirm mode"));
    }

    @Test
    void closesTheChannelWith406ForTxSelectOnAConfirmingChannel() throws Exception {
        channel.confirmSelect();

        assertThat(CloseReason.thrownBy(() -> channel.txSelect()))
                .isEqualTo(CloseReason.channel(406, "PRECONDITION_FAILED - cannot switch from confirm to tx mode"));
    }

    private static Set<Long> sequence(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Which publish sequence numbers the broker acked and nacked, expanding {@code multiple} to every number not
     * yet settled up to the tag. Written by the client's connection thread, read by the test thread.
     */
    private static final class ConfirmRecord implements ConfirmListener {

        private final Set<Long> acked = new TreeSet<>();
        private final Set<Long> nacked = new TreeSet<>();
        private final List<Long> settledTwice = new ArrayList<>();

        @Override
        public synchronized void handleAck(long deliveryTag, boolean multiple) {
            settle(acked, deliveryTag, multiple);
        }

        @Override
        public synchronized void handleNack(long deliveryTag, boolean multiple) {
            settle(nacked, deliveryTag, multiple);
        }

        synchronized Set<Long> acked() {
            return new TreeSet<>(acked);
        }

        synchronized Set<Long> nacked() {
            return new TreeSet<>(nacked);
        }

        /** Waits until {@code count} publishes are settled, and checks that none was settled twice. */
        void awaitSettled(int count) {
            Awaitility.await().atMost(Waits.DEFAULT).pollInterval(Waits.POLL).until(() -> settledCount() >= count);
            synchronized (this) {
                assertThat(settledTwice).as("sequence numbers confirmed twice").isEmpty();
            }
        }

        private synchronized int settledCount() {
            return acked.size() + nacked.size();
        }

        private void settle(Set<Long> into, long deliveryTag, boolean multiple) {
            if (acked.contains(deliveryTag) || nacked.contains(deliveryTag)) {
                settledTwice.add(deliveryTag);
            }
            if (multiple) {
                for (long tag = 1; tag <= deliveryTag; tag++) {
                    if (!acked.contains(tag) && !nacked.contains(tag)) {
                        into.add(tag);
                    }
                }
            } else {
                into.add(deliveryTag);
            }
        }
    }
}
