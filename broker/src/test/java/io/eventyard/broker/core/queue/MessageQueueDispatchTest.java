package io.eventyard.broker.core.queue;

import static io.eventyard.broker.core.queue.QueueFixtures.body;
import static io.eventyard.broker.core.queue.QueueFixtures.message;
import static io.eventyard.broker.core.queue.QueueFixtures.queue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Ready order, consumers, credit, basic.get and settling, as a RabbitMQ 3.10 classic queue behaves. */
class MessageQueueDispatchTest {

    private final ManualQueueHost host = new ManualQueueHost();
    private final MessageQueue queue = queue(host, Map.of());

    @Test
    void basicGetTakesReadyMessagesInPublishOrder() {
        queue.enqueue(message("a"));
        queue.enqueue(message("b"));
        queue.enqueue(message("c"));

        assertThat(body(queue.poll(true))).isEqualTo("a");
        assertThat(body(queue.poll(true))).isEqualTo("b");
        assertThat(body(queue.poll(true))).isEqualTo("c");
        assertThat(queue.poll(true)).isNull();
        assertThat(queue.readyCount()).isZero();
    }

    @Test
    void basicGetWithoutAutoAckCountsTheMessageAsUnackedUntilSettled() {
        queue.enqueue(message("a"));
        queue.enqueue(message("b"));

        QueueEntry held = queue.poll(false);
        queue.poll(true);

        assertThat(queue.unackedCount()).isEqualTo(1);
        queue.settle(held);
        assertThat(queue.unackedCount()).isZero();
    }

    @Test
    void deliversToConsumersInTurn() {
        RecordingQueueConsumer first = RecordingQueueConsumer.unlimited("c1");
        RecordingQueueConsumer second = RecordingQueueConsumer.unlimited("c2");
        queue.addConsumer(first);
        queue.addConsumer(second);

        for (String body : List.of("m1", "m2", "m3", "m4")) {
            queue.enqueue(message(body));
        }

        assertThat(first.bodies()).containsExactly("m1", "m3");
        assertThat(second.bodies()).containsExactly("m2", "m4");
        assertThat(queue.readyCount()).isZero();
        assertThat(queue.unackedCount()).isEqualTo(4);
    }

    @Test
    void skipsAConsumerThatHasNoCreditLeft() {
        RecordingQueueConsumer slow = RecordingQueueConsumer.withCredit("slow", 1);
        RecordingQueueConsumer fast = RecordingQueueConsumer.unlimited("fast");
        queue.addConsumer(slow);
        queue.addConsumer(fast);

        for (String body : List.of("m1", "m2", "m3")) {
            queue.enqueue(message(body));
        }

        assertThat(slow.bodies()).containsExactly("m1");
        assertThat(fast.bodies()).containsExactly("m2", "m3");
    }

    @Test
    void keepsMessagesReadyUntilAConsumerHasCredit() {
        RecordingQueueConsumer consumer = RecordingQueueConsumer.withCredit("c", 0);
        queue.addConsumer(consumer);
        queue.enqueue(message("m1"));
        queue.enqueue(message("m2"));

        assertThat(consumer.delivered()).isEmpty();
        assertThat(queue.readyCount()).isEqualTo(2);

        consumer.grant(1);
        queue.dispatch();

        assertThat(consumer.bodies()).containsExactly("m1");
        assertThat(queue.readyCount()).isEqualTo(1);
    }

    @Test
    void aNewConsumerReceivesWhatWasWaiting() {
        queue.enqueue(message("m1"));
        queue.enqueue(message("m2"));
        RecordingQueueConsumer consumer = RecordingQueueConsumer.unlimited("c");

        queue.addConsumer(consumer);

        assertThat(consumer.bodies()).containsExactly("m1", "m2");
        assertThat(consumer.delivered()).noneMatch(QueueEntry::redelivered);
    }

    @Test
    void autoAckDeliveriesAreNotCountedAsUnacked() {
        queue.addConsumer(RecordingQueueConsumer.autoAck("c"));

        queue.enqueue(message("m1"));
        queue.enqueue(message("m2"));

        assertThat(queue.unackedCount()).isZero();
        assertThat(queue.readyCount()).isZero();
    }

    @Test
    void singleActiveConsumerGetsEverythingWhileTheOthersWait() {
        MessageQueue sac = queue(host, Map.of("x-single-active-consumer", true));
        RecordingQueueConsumer first = RecordingQueueConsumer.unlimited("c1");
        RecordingQueueConsumer second = RecordingQueueConsumer.unlimited("c2");
        sac.addConsumer(first);
        sac.addConsumer(second);

        for (String body : List.of("m1", "m2", "m3")) {
            sac.enqueue(message(body));
        }

        assertThat(sac.activeConsumer()).isSameAs(first);
        assertThat(first.bodies()).containsExactly("m1", "m2", "m3");
        assertThat(second.delivered()).isEmpty();
    }

    @Test
    void singleActiveConsumerWithoutCreditHoldsBackTheOthers() {
        MessageQueue sac = queue(host, Map.of("x-single-active-consumer", true));
        RecordingQueueConsumer active = RecordingQueueConsumer.withCredit("c1", 1);
        RecordingQueueConsumer waiting = RecordingQueueConsumer.unlimited("c2");
        sac.addConsumer(active);
        sac.addConsumer(waiting);

        for (String body : List.of("m1", "m2", "m3")) {
            sac.enqueue(message(body));
        }

        assertThat(active.bodies()).containsExactly("m1");
        assertThat(waiting.delivered()).isEmpty();
        assertThat(sac.readyCount()).isEqualTo(2);
    }

    @Test
    void nextConsumerBecomesActiveWhenTheActiveOneLeaves() {
        MessageQueue sac = queue(host, Map.of("x-single-active-consumer", true));
        RecordingQueueConsumer active = RecordingQueueConsumer.withCredit("c1", 1);
        RecordingQueueConsumer waiting = RecordingQueueConsumer.unlimited("c2");
        sac.addConsumer(active);
        sac.addConsumer(waiting);
        sac.enqueue(message("m1"));
        sac.enqueue(message("m2"));

        sac.removeConsumer(active);

        assertThat(sac.activeConsumer()).isSameAs(waiting);
        assertThat(waiting.bodies()).containsExactly("m2");
    }

    @Test
    void queueWithoutSingleActiveConsumerHasNoActiveConsumer() {
        queue.addConsumer(RecordingQueueConsumer.unlimited("c"));

        assertThat(queue.activeConsumer()).isNull();
    }

    @Test
    void requeuedMessagesReturnToTheHeadInPublishOrderMarkedRedelivered() {
        for (String body : List.of("m1", "m2", "m3", "m4")) {
            queue.enqueue(message(body));
        }
        QueueEntry m1 = queue.poll(false);
        queue.poll(false);
        QueueEntry m3 = queue.poll(false);

        queue.requeue(List.of(m3, m1));

        assertThat(queue.unackedCount()).isEqualTo(1);
        assertThat(queue.readyCount()).isEqualTo(3);
        QueueEntry first = queue.poll(true);
        QueueEntry second = queue.poll(true);
        QueueEntry third = queue.poll(true);
        assertThat(List.of(body(first), body(second), body(third))).containsExactly("m1", "m3", "m4");
        assertThat(List.of(first.redelivered(), second.redelivered(), third.redelivered()))
                .containsExactly(true, true, false);
    }

    @Test
    void messagesRequeuedOneAtATimeKeepTheirPublishOrder() {
        for (String body : List.of("m1", "m2", "m3")) {
            queue.enqueue(message(body));
        }
        QueueEntry m1 = queue.poll(false);
        QueueEntry m2 = queue.poll(false);

        queue.requeue(List.of(m1));
        queue.requeue(List.of(m2));

        assertThat(List.of(body(queue.poll(true)), body(queue.poll(true)), body(queue.poll(true))))
                .containsExactly("m1", "m2", "m3");
    }

    @Test
    void requeuedMessageGoesAgainToAConsumerWithCredit() {
        RecordingQueueConsumer consumer = RecordingQueueConsumer.withCredit("c", 1);
        queue.addConsumer(consumer);
        queue.enqueue(message("m1"));
        QueueEntry first = consumer.delivered().get(0);

        consumer.grant(1);
        queue.requeue(List.of(first));

        assertThat(consumer.bodies()).containsExactly("m1", "m1");
        assertThat(consumer.delivered().get(1).redelivered()).isTrue();
        assertThat(queue.unackedCount()).isEqualTo(1);
    }

    @Test
    void rejectedMessageIsDeadLetteredAsRejected() {
        queue.enqueue(message("m1"));
        QueueEntry held = queue.poll(false);

        queue.reject(held);

        assertThat(queue.unackedCount()).isZero();
        assertThat(host.deadLetters()).extracting(ManualQueueHost.DeadLetter::body, ManualQueueHost.DeadLetter::reason)
                .containsExactly(tuple("m1", DeathReason.REJECTED));
    }

    @Test
    void purgeRemovesReadyMessagesButNotUnackedOnes() {
        for (String body : List.of("m1", "m2", "m3")) {
            queue.enqueue(message(body));
        }
        queue.poll(false);

        assertThat(queue.purge()).isEqualTo(2);
        assertThat(queue.readyCount()).isZero();
        assertThat(queue.unackedCount()).isEqualTo(1);
        assertThat(host.deadLetters()).isEmpty();
    }

    @Test
    void deletedQueueCancelsItsConsumersAndTakesNothingBack() {
        RecordingQueueConsumer consumer = RecordingQueueConsumer.withCredit("c", 2);
        queue.addConsumer(consumer);
        queue.enqueue(message("m1"));
        queue.enqueue(message("m2"));
        queue.enqueue(message("m3"));

        queue.markDeleted();
        queue.requeue(List.of(consumer.delivered().get(0)));
        queue.reject(consumer.delivered().get(1));

        assertThat(consumer.cancelledByBroker()).isTrue();
        assertThat(queue.isDeleted()).isTrue();
        assertThat(queue.consumerCount()).isZero();
        assertThat(queue.readyCount()).isZero();
        assertThat(host.deadLetters()).isEmpty();
    }
}
