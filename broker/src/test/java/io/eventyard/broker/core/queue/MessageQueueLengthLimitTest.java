package io.eventyard.broker.core.queue;

import static io.eventyard.broker.core.queue.QueueFixtures.body;
import static io.eventyard.broker.core.queue.QueueFixtures.message;
import static io.eventyard.broker.core.queue.QueueFixtures.queue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** x-max-length, x-max-length-bytes and x-overflow; only ready messages count, as in RabbitMQ 3.10. */
class MessageQueueLengthLimitTest {

    private final ManualQueueHost host = new ManualQueueHost();

    @Test
    void maxLengthDropsTheOldestMessageAsMaxlen() {
        MessageQueue queue = queue(host, Map.of("x-max-length", 2));

        for (String body : List.of("a", "b", "c")) {
            assertThat(queue.enqueue(message(body))).isEqualTo(EnqueueResult.ACCEPTED);
        }

        assertThat(queue.readyCount()).isEqualTo(2);
        assertThat(body(queue.poll(true))).isEqualTo("b");
        assertThat(host.deadLetters()).extracting(ManualQueueHost.DeadLetter::body, ManualQueueHost.DeadLetter::reason)
                .containsExactly(tuple("a", DeathReason.MAXLEN));
    }

    @Test
    void maxLengthBytesDropsFromTheHeadUntilTheBodiesFit() {
        MessageQueue queue = queue(host, Map.of("x-max-length-bytes", 10));
        queue.enqueue(message("aaaa"));
        queue.enqueue(message("bbbb"));

        queue.enqueue(message("cccccccc"));

        assertThat(host.deadLetters()).extracting(ManualQueueHost.DeadLetter::body).containsExactly("aaaa", "bbbb");
        assertThat(queue.readyCount()).isEqualTo(1);
    }

    @Test
    void unackedMessagesDoNotCountTowardsTheLimit() {
        MessageQueue queue = queue(host, Map.of("x-max-length", 1));
        queue.enqueue(message("a"));
        queue.poll(false);

        queue.enqueue(message("b"));

        assertThat(queue.readyCount()).isEqualTo(1);
        assertThat(queue.unackedCount()).isEqualTo(1);
        assertThat(host.deadLetters()).isEmpty();
    }

    @Test
    void rejectPublishRefusesTheNewMessageAndKeepsTheOldOnes() {
        MessageQueue queue = queue(host, Map.of("x-max-length", 1, "x-overflow", "reject-publish"));

        assertThat(queue.enqueue(message("a"))).isEqualTo(EnqueueResult.ACCEPTED);
        assertThat(queue.wouldRejectPublish(1)).isTrue();
        assertThat(queue.enqueue(message("b"))).isEqualTo(EnqueueResult.REJECTED);

        assertThat(queue.readyCount()).isEqualTo(1);
        assertThat(body(queue.poll(true))).isEqualTo("a");
        assertThat(host.deadLetters()).isEmpty();
    }

    @Test
    void rejectPublishByBytesRefusesOnlyAMessageThatWouldGoPastTheLimit() {
        MessageQueue queue = queue(host, Map.of("x-max-length-bytes", 5, "x-overflow", "reject-publish"));

        assertThat(queue.enqueue(message("aaa"))).isEqualTo(EnqueueResult.ACCEPTED);
        assertThat(queue.enqueue(message("bbb"))).isEqualTo(EnqueueResult.REJECTED);
        assertThat(queue.enqueue(message("cc"))).isEqualTo(EnqueueResult.ACCEPTED);

        assertThat(queue.readyCount()).isEqualTo(2);
    }

    @Test
    void rejectPublishDlxDeadLettersTheRefusedMessageAsMaxlen() {
        MessageQueue queue = queue(host, Map.of("x-max-length", 1, "x-overflow", "reject-publish-dlx"));
        queue.enqueue(message("a"));

        assertThat(queue.enqueue(message("b"))).isEqualTo(EnqueueResult.REJECTED);

        assertThat(host.deadLetters()).extracting(ManualQueueHost.DeadLetter::body, ManualQueueHost.DeadLetter::reason)
                .containsExactly(tuple("b", DeathReason.MAXLEN));
        assertThat(body(queue.poll(true))).isEqualTo("a");
    }

    @Test
    void rejectPublishAppliesEvenWithAConsumerWaiting() {
        MessageQueue queue = queue(host, Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
        RecordingQueueConsumer consumer = RecordingQueueConsumer.unlimited("c");
        queue.addConsumer(consumer);

        assertThat(queue.enqueue(message("a"))).isEqualTo(EnqueueResult.REJECTED);
        assertThat(consumer.delivered()).isEmpty();
    }

    @Test
    void dropHeadQueueNeverRejectsAPublish() {
        MessageQueue queue = queue(host, Map.of("x-max-length", 0));

        assertThat(queue.wouldRejectPublish(100)).isFalse();
        assertThat(queue.enqueue(message("a"))).isEqualTo(EnqueueResult.ACCEPTED);
    }

    @Test
    void queueWithoutLimitsNeverRejectsAPublish() {
        MessageQueue queue = queue(host, Map.of("x-overflow", "reject-publish"));

        assertThat(queue.wouldRejectPublish(Integer.MAX_VALUE)).isFalse();
    }

    @Test
    void dropHeadQueueStillDeliversToAWaitingConsumer() {
        MessageQueue byCount = queue(host, Map.of("x-max-length", 0));
        MessageQueue byBytes = queue(host, Map.of("x-max-length-bytes", 1));
        RecordingQueueConsumer countConsumer = RecordingQueueConsumer.unlimited("c1");
        RecordingQueueConsumer bytesConsumer = RecordingQueueConsumer.unlimited("c2");
        byCount.addConsumer(countConsumer);
        byBytes.addConsumer(bytesConsumer);

        byCount.enqueue(message("0123456789"));
        byBytes.enqueue(message("0123456789"));

        assertThat(countConsumer.bodies()).containsExactly("0123456789");
        assertThat(bytesConsumer.bodies()).containsExactly("0123456789");
        assertThat(host.deadLetters()).isEmpty();
    }

    @Test
    void requeuePastMaxLengthDropsFromTheHead() {
        MessageQueue queue = queue(host, Map.of("x-max-length", 1));
        queue.enqueue(message("m1"));
        QueueEntry held = queue.poll(false);
        queue.enqueue(message("m2"));

        queue.requeue(List.of(held));

        assertThat(queue.readyCount()).isEqualTo(1);
        assertThat(host.deadLetters()).extracting(ManualQueueHost.DeadLetter::body, ManualQueueHost.DeadLetter::reason)
                .containsExactly(tuple("m1", DeathReason.MAXLEN));
        QueueEntry head = queue.poll(true);
        assertThat(body(head)).isEqualTo("m2");
        assertThat(head.redelivered()).isFalse();
    }
}
