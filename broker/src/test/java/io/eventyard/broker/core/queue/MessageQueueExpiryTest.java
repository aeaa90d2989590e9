package io.eventyard.broker.core.queue;

import static io.eventyard.broker.core.queue.QueueFixtures.autoDeleteQueue;
import static io.eventyard.broker.core.queue.QueueFixtures.body;
import static io.eventyard.broker.core.queue.QueueFixtures.expiring;
import static io.eventyard.broker.core.queue.QueueFixtures.message;
import static io.eventyard.broker.core.queue.QueueFixtures.queue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Message TTL (expired at the head only, as in RabbitMQ), x-expires and auto-delete. */
class MessageQueueExpiryTest {

    private final ManualQueueHost host = new ManualQueueHost();

    @Test
    void queueTtlDeadLettersTheHeadAsExpiredWhenItIsDue() {
        MessageQueue queue = queue(host, Map.of("x-message-ttl", 1000));
        queue.enqueue(message("m1"));

        host.advanceMillis(999);
        assertThat(queue.readyCount()).isEqualTo(1);
        assertThat(host.deadLetters()).isEmpty();

        host.advanceMillis(1);
        assertThat(queue.readyCount()).isZero();
        assertThat(host.deadLetters()).extracting(ManualQueueHost.DeadLetter::body, ManualQueueHost.DeadLetter::reason)
                .containsExactly(tuple("m1", DeathReason.EXPIRED));
    }

    @Test
    void messagesExpireOneAfterAnotherInPublishOrder() {
        MessageQueue queue = queue(host, Map.of("x-message-ttl", 100));
        queue.enqueue(message("m1"));
        host.advanceMillis(50);
        queue.enqueue(message("m2"));

        host.advanceMillis(50);
        assertThat(host.deadLetters()).extracting(ManualQueueHost.DeadLetter::body).containsExactly("m1");

        host.advanceMillis(50);
        assertThat(host.deadLetters()).extracting(ManualQueueHost.DeadLetter::body).containsExactly("m1", "m2");
        assertThat(queue.readyCount()).isZero();
    }

    @Test
    void perMessageExpirationShorterThanTheQueueTtlWins() {
        MessageQueue queue = queue(host, Map.of("x-message-ttl", 1000));
        queue.enqueue(expiring("m1", "100"));

        host.advanceMillis(100);

        assertThat(host.deadLetters()).extracting(ManualQueueHost.DeadLetter::body).containsExactly("m1");
    }

    @Test
    void queueTtlShorterThanThePerMessageExpirationWins() {
        MessageQueue queue = queue(host, Map.of("x-message-ttl", 100));
        queue.enqueue(expiring("m1", "1000"));

        host.advanceMillis(100);

        assertThat(host.deadLetters()).extracting(ManualQueueHost.DeadLetter::body).containsExactly("m1");
    }

    @Test
    void expiredMessageBehindALiveHeadWaitsUntilItReachesTheHead() {
        MessageQueue queue = queue(host, Map.of());
        queue.enqueue(message("lives"));
        queue.enqueue(expiring("dies", "10"));

        host.advanceMillis(100);
        assertThat(queue.readyCount()).isEqualTo(2);
        assertThat(host.deadLetters()).isEmpty();

        assertThat(body(queue.poll(true))).isEqualTo("lives");
        assertThat(queue.poll(true)).isNull();
        assertThat(host.deadLetters()).extracting(ManualQueueHost.DeadLetter::body, ManualQueueHost.DeadLetter::reason)
                .containsExactly(tuple("dies", DeathReason.EXPIRED));
    }

    @Test
    void basicGetNeverReturnsAnExpiredMessage() {
        MessageQueue queue = queue(host, Map.of());
        queue.enqueue(expiring("dies", "10"));
        queue.enqueue(message("lives"));

        host.advanceMillis(10);

        assertThat(body(queue.poll(true))).isEqualTo("lives");
    }

    @Test
    void ttlZeroMessageGoesStraightToAConsumerThatCanTakeIt() {
        MessageQueue queue = queue(host, Map.of("x-message-ttl", 0));
        RecordingQueueConsumer consumer = RecordingQueueConsumer.unlimited("c");
        queue.addConsumer(consumer);

        queue.enqueue(message("m1"));

        assertThat(consumer.bodies()).containsExactly("m1");
        assertThat(host.deadLetters()).isEmpty();
    }

    @Test
    void ttlZeroMessageWithoutAConsumerIsDeadLetteredAtOnce() {
        MessageQueue queue = queue(host, Map.of("x-message-ttl", 0));

        assertThat(queue.enqueue(message("m1"))).isEqualTo(EnqueueResult.ACCEPTED);

        assertThat(queue.readyCount()).isZero();
        assertThat(host.deadLetters()).extracting(ManualQueueHost.DeadLetter::body, ManualQueueHost.DeadLetter::reason)
                .containsExactly(tuple("m1", DeathReason.EXPIRED));
    }

    @Test
    void ttlZeroMessageIsDeadLetteredWhenTheConsumerHasNoCredit() {
        MessageQueue queue = queue(host, Map.of("x-message-ttl", 0));
        RecordingQueueConsumer consumer = RecordingQueueConsumer.withCredit("c", 0);
        queue.addConsumer(consumer);

        queue.enqueue(message("m1"));

        assertThat(consumer.delivered()).isEmpty();
        assertThat(host.deadLetters()).extracting(ManualQueueHost.DeadLetter::body).containsExactly("m1");
    }

    @Test
    void perMessageExpirationZeroWithoutAConsumerIsDeadLetteredAtOnce() {
        MessageQueue queue = queue(host, Map.of());

        queue.enqueue(expiring("m1", "0"));

        assertThat(queue.readyCount()).isZero();
        assertThat(host.deadLetters()).extracting(ManualQueueHost.DeadLetter::reason).containsExactly(DeathReason.EXPIRED);
    }

    @Test
    void requeuedMessageKeepsItsOriginalExpiry() {
        MessageQueue queue = queue(host, Map.of("x-message-ttl", 1000));
        queue.enqueue(message("m1"));
        QueueEntry held = queue.poll(false);

        host.advanceMillis(1500);
        assertThat(host.deadLetters()).isEmpty();
        queue.requeue(List.of(held));

        assertThat(queue.readyCount()).isZero();
        assertThat(host.deadLetters()).extracting(ManualQueueHost.DeadLetter::body, ManualQueueHost.DeadLetter::reason)
                .containsExactly(tuple("m1", DeathReason.EXPIRED));
    }

    @Test
    void deliveredMessageDoesNotExpire() {
        MessageQueue queue = queue(host, Map.of("x-message-ttl", 100));
        RecordingQueueConsumer consumer = RecordingQueueConsumer.unlimited("c");
        queue.addConsumer(consumer);
        queue.enqueue(message("m1"));

        host.advanceMillis(1000);

        assertThat(consumer.bodies()).containsExactly("m1");
        assertThat(host.deadLetters()).isEmpty();
    }

    @Test
    void unusedQueueIsDeletedWhenXExpiresRunsOut() {
        MessageQueue queue = queue(host, Map.of("x-expires", 1000));
        queue.enqueue(message("m1"));

        host.advanceMillis(999);
        assertThat(host.deletedUnused()).isEmpty();

        host.advanceMillis(1);
        assertThat(host.deletedUnused()).containsExactly(queue);
    }

    @Test
    void basicGetPostponesXExpires() {
        MessageQueue queue = queue(host, Map.of("x-expires", 1000));

        host.advanceMillis(800);
        queue.poll(true);
        host.advanceMillis(800);
        assertThat(host.deletedUnused()).isEmpty();

        host.advanceMillis(200);
        assertThat(host.deletedUnused()).containsExactly(queue);
    }

    @Test
    void touchRestartsXExpires() {
        MessageQueue queue = queue(host, Map.of("x-expires", 1000));

        host.advanceMillis(800);
        queue.touch();
        host.advanceMillis(999);
        assertThat(host.deletedUnused()).isEmpty();

        host.advanceMillis(1);
        assertThat(host.deletedUnused()).containsExactly(queue);
    }

    @Test
    void queueWithAConsumerDoesNotExpireUntilTheLastConsumerHasLeftForXExpires() {
        MessageQueue queue = queue(host, Map.of("x-expires", 1000));
        RecordingQueueConsumer consumer = RecordingQueueConsumer.unlimited("c");
        queue.addConsumer(consumer);

        host.advanceMillis(5000);
        assertThat(host.deletedUnused()).isEmpty();

        queue.removeConsumer(consumer);
        host.advanceMillis(999);
        assertThat(host.deletedUnused()).isEmpty();
        host.advanceMillis(1);
        assertThat(host.deletedUnused()).containsExactly(queue);
    }

    @Test
    void autoDeleteQueueIsDeletedWhenItsLastConsumerLeaves() {
        MessageQueue queue = autoDeleteQueue(host, Map.of());
        RecordingQueueConsumer first = RecordingQueueConsumer.unlimited("c1");
        RecordingQueueConsumer second = RecordingQueueConsumer.unlimited("c2");
        queue.addConsumer(first);
        queue.addConsumer(second);

        queue.removeConsumer(first);
        assertThat(host.deletedUnused()).isEmpty();

        queue.removeConsumer(second);
        assertThat(host.deletedUnused()).containsExactly(queue);
        assertThat(queue.isDeleted()).isTrue();
    }

    @Test
    void autoDeleteQueueThatNeverHadAConsumerStays() {
        MessageQueue queue = autoDeleteQueue(host, Map.of());
        queue.enqueue(message("m1"));
        queue.poll(true);

        queue.removeConsumer(RecordingQueueConsumer.unlimited("stranger"));
        host.advanceMillis(60_000);

        assertThat(host.deletedUnused()).isEmpty();
        assertThat(queue.isDeleted()).isFalse();
    }
}
