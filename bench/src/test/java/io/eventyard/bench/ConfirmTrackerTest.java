package io.eventyard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class ConfirmTrackerTest {

    private final RunMeters meters = new RunMeters();
    private final ConfirmTracker tracker = new ConfirmTracker(3, meters);
    private final AtomicBoolean stop = new AtomicBoolean();

    @Test
    void aMultipleAckSettlesEveryMessageUpToItsTag() throws InterruptedException {
        publish(1, 2, 3);

        tracker.handleAck(2, true);

        assertThat(meters.confirmed().count()).isEqualTo(2);
        assertThat(tracker.outstanding()).isEqualTo(1);
    }

    @Test
    void singleAcksMayComeOutOfOrder() throws InterruptedException {
        publish(1, 2, 3);

        tracker.handleAck(3, false);
        tracker.handleAck(1, false);
        publish(4, 5);
        tracker.handleAck(5, true);

        assertThat(meters.confirmed().count()).isEqualTo(5);
        assertThat(tracker.outstanding()).isZero();
        assertThat(meters.incidents().isEmpty()).isTrue();
    }

    @Test
    void holdsPublishersToTheWindowUntilTheBrokerAnswers() throws InterruptedException {
        publish(1, 2, 3);
        Thread stopper = new Thread(() -> {
            sleepQuietly(300);
            stop.set(true);
        });
        stopper.start();

        assertThat(tracker.acquire(stop)).as("a fourth message while three are unconfirmed").isFalse();

        stopper.join();
        stop.set(false);
        tracker.handleNack(1, false);
        assertThat(tracker.acquire(stop)).isTrue();
    }

    @Test
    void aNackIsAnIncidentNotAConfirm() throws InterruptedException {
        publish(1);

        tracker.handleNack(1, false);

        assertThat(meters.confirmed().count()).isZero();
        assertThat(meters.incidents().summary()).containsExactly("publisher nack");
    }

    @Test
    void anAckForAnUnknownTagIsAnIncident() {
        tracker.handleAck(7, false);

        assertThat(meters.incidents().summary()).hasSize(1).first().asString().contains("not pending");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publish(long... sequences) throws InterruptedException {
        for (long sequence : sequences) {
            assertThat(tracker.acquire(stop)).isTrue();
            tracker.published(sequence, System.nanoTime());
        }
    }
}
