package io.eventyard.broker.core.queue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A consumer with a prefetch-like credit that keeps what it is given. Test thread only. */
final class RecordingQueueConsumer implements QueueConsumer {

    private final String tag;
    private final boolean autoAck;
    private int credit;
    private final List<QueueEntry> delivered = new ArrayList<>();
    private boolean cancelledByBroker;

    private RecordingQueueConsumer(String tag, boolean autoAck, int credit) {
        this.tag = tag;
        this.autoAck = autoAck;
        this.credit = credit;
    }

    /** Manual acknowledgement, at most {@code credit} deliveries until {@link #grant} gives more. */
    static RecordingQueueConsumer withCredit(String tag, int credit) {
        return new RecordingQueueConsumer(tag, false, credit);
    }

    static RecordingQueueConsumer unlimited(String tag) {
        return new RecordingQueueConsumer(tag, false, Integer.MAX_VALUE);
    }

    static RecordingQueueConsumer autoAck(String tag) {
        return new RecordingQueueConsumer(tag, true, Integer.MAX_VALUE);
    }

    void grant(int more) {
        credit += more;
    }

    List<QueueEntry> delivered() {
        return delivered;
    }

    List<String> bodies() {
        List<String> bodies = new ArrayList<>();
        for (QueueEntry entry : delivered) {
            bodies.add(new String(entry.message().body(), StandardCharsets.UTF_8));
        }
        return bodies;
    }

    boolean cancelledByBroker() {
        return cancelledByBroker;
    }

    @Override
    public String tag() {
        return tag;
    }

    @Override
    public boolean autoAck() {
        return autoAck;
    }

    @Override
    public boolean hasCredit() {
        return credit > 0;
    }

    @Override
    public void deliver(MessageQueue queue, QueueEntry entry) {
        credit--;
        delivered.add(entry);
    }

    @Override
    public void cancelledByBroker(MessageQueue queue) {
        cancelledByBroker = true;
    }
}
