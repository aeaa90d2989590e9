package io.eventyard.broker.core.queue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.eventyard.broker.core.message.Message;

/**
 * A queue: ready messages in order, the consumers they go to, and the rules that remove messages
 * (TTL, length limits, dead-lettering). Owned by the core thread.
 *
 * <p>Unacknowledged messages belong to the consumer holding them; the queue only counts them, and takes them
 * back through {@link #requeue}, {@link #settle} or {@link #reject}.
 *
 * <p>With a {@link QueueStore}, persistent messages of a durable queue are written before they can be
 * confirmed, and once the ready messages held in memory pass {@code pageOutBytes}, further entries keep only
 * their position on disk and are read back when due: a deep queue costs an entry, not a body, of heap.
 */
public final class MessageQueue {

    private static final Logger LOG = LoggerFactory.getLogger(MessageQueue.class);

    /**
     * Ready messages past which a queue that has consumers asks its publishers to slow down: the consumers are
     * not keeping up, and letting the backlog grow only adds latency (RabbitMQ's credit flow does the same).
     */
    static final int FLOW_READY = 5_000;

    /** What one queue entry costs in the heap beyond its body: the entry object and its slot in the deque. */
    static final int ENTRY_OVERHEAD_BYTES = 72;

    /** What one paged-out message costs in the heap (see {@link PagedEntries}). */
    static final int PAGED_ENTRY_BYTES = 24;

    /** Paged-out messages moved back into the ready deque at a time. */
    static final int REFILL_BATCH = 256;

    /** Deliveries per dispatch call before the queue yields the core thread. */
    static final int DISPATCH_BATCH = 256;

    private final String name;
    private final String vhost;
    private final boolean durable;
    private final boolean autoDelete;
    private final Object exclusiveOwner;
    private final Map<String, Object> arguments;
    private final QueueArguments settings;
    private final QueueHost host;

    private final ArrayDeque<QueueEntry> ready = new ArrayDeque<>();
    /** Ready messages behind {@link #ready} that are only on disk; everything in it comes after all of ready. */
    private final PagedEntries paged = new PagedEntries();
    private final List<QueueConsumer> consumers = new ArrayList<>();
    private long readyBytes;
    private long readyBytesInMemory;
    private long unackedBytes;
    private QueueStore store;
    private boolean persistMessages;
    private long pageOutBytes = Long.MAX_VALUE;
    private int unacked;
    private long nextSequence;
    private int roundRobin;
    private boolean everHadConsumer;
    private boolean deleted;
    private boolean dispatching;
    private boolean dispatchScheduled;
    private final List<Runnable> drainWaiters = new ArrayList<>();
    private ScheduledFuture<?> expiryTimer;
    private long expiryTimerAt = Long.MAX_VALUE;
    private ScheduledFuture<?> unusedTimer;
    private long unusedGeneration;

    public MessageQueue(String vhost, String name, boolean durable, boolean autoDelete, Object exclusiveOwner,
                        Map<String, Object> arguments, QueueArguments settings, QueueHost host) {
        this.vhost = vhost;
        this.name = name;
        this.durable = durable;
        this.autoDelete = autoDelete;
        this.exclusiveOwner = exclusiveOwner;
        this.arguments = arguments == null ? Map.of() : arguments;
        this.settings = settings;
        this.host = host;
        touch();
    }

    public String name() {
        return name;
    }

    public String vhost() {
        return vhost;
    }

    public boolean durable() {
        return durable;
    }

    public boolean autoDelete() {
        return autoDelete;
    }

    public boolean exclusive() {
        return exclusiveOwner != null;
    }

    public Object exclusiveOwner() {
        return exclusiveOwner;
    }

    public Map<String, Object> arguments() {
        return arguments;
    }

    public QueueArguments settings() {
        return settings;
    }

    public int readyCount() {
        return (int) Math.min(Integer.MAX_VALUE, readyTotal());
    }

    private long readyTotal() {
        return ready.size() + paged.size();
    }

    private boolean hasReady() {
        return !ready.isEmpty() || !paged.isEmpty();
    }

    /** The next ready entry, moving a batch in from the paged-out tail when the in-memory part ran dry. */
    private QueueEntry head() {
        if (ready.isEmpty() && !paged.isEmpty()) {
            for (int i = 0; i < REFILL_BATCH && !paged.isEmpty(); i++) {
                PagedEntries.Paged next = paged.poll();
                // Sequences are handed out when an entry joins the deque: everything paged comes after it.
                ready.addLast(new QueueEntry(nextSequence++, next.position(), next.expiresAtMillis(),
                        next.bodySize(), next.redelivered()));
            }
        }
        return ready.peekFirst();
    }

    public int unackedCount() {
        return unacked;
    }

    /**
     * Heap this queue's messages cost: ready bodies not paged out, unacknowledged ones, and the entry every
     * message keeps even when paged out ({@link #ENTRY_OVERHEAD_BYTES}), so that a backlog of millions of
     * paged messages still reaches the memory alarm before it reaches the end of the heap.
     */
    public long memoryBytes() {
        return readyBytesInMemory + unackedBytes + (long) (ready.size() + unacked) * ENTRY_OVERHEAD_BYTES
                + paged.size() * PAGED_ENTRY_BYTES;
    }

    public int consumerCount() {
        return consumers.size();
    }

    public List<QueueConsumer> consumers() {
        return Collections.unmodifiableList(consumers);
    }

    /** Whether publishers should slow down: consumers are attached but the backlog keeps growing. */
    public boolean congested() {
        return !consumers.isEmpty() && readyTotal() > FLOW_READY;
    }

    /** Runs {@code action} once the backlog is down to half the flow threshold (or the queue went away). */
    public void whenDrained(Runnable action) {
        drainWaiters.add(action);
        notifyDrained();
    }

    private void notifyDrained() {
        if (!drainWaiters.isEmpty() && (deleted || consumers.isEmpty() || readyTotal() <= FLOW_READY / 2)) {
            List<Runnable> waiting = new ArrayList<>(drainWaiters);
            drainWaiters.clear();
            waiting.forEach(Runnable::run);
        }
    }

    public boolean isDeleted() {
        return deleted;
    }

    /**
     * Gives the queue a store. {@code persist}: write persistent messages (a durable queue); either way,
     * ready bodies past {@code pageOutBytes} go to the store instead of the heap.
     */
    public void attachStore(QueueStore queueStore, boolean persist, long pageOutThresholdBytes) {
        this.store = queueStore;
        this.persistMessages = persist;
        this.pageOutBytes = pageOutThresholdBytes;
    }

    public String describe() {
        return "queue '" + name + "' in vhost '" + vhost + "'";
    }

    // ---- publishing -------------------------------------------------------------------------------------

    /** Whether one more message of {@code size} bytes would go past a reject-publish length limit. */
    public boolean wouldRejectPublish(int size) {
        if (settings.overflow() == Overflow.DROP_HEAD || !settings.hasLengthLimit()) {
            return false;
        }
        return (settings.maxLength() >= 0 && readyTotal() >= settings.maxLength())
                || (settings.maxLengthBytes() >= 0 && readyBytes + size > settings.maxLengthBytes());
    }

    public EnqueueResult enqueue(Message message) {
        if (wouldRejectPublish(message.bodySize())) {
            if (settings.overflow() == Overflow.REJECT_PUBLISH_DLX) {
                host.deadLetter(this, message, DeathReason.MAXLEN);
            }
            return EnqueueResult.REJECTED;
        }
        long now = host.nowMillis();
        long ttl = ttlOf(message);
        QueueEntry entry = new QueueEntry(nextSequence++, message, ttl < 0 ? Long.MAX_VALUE : now + ttl);
        if (ttl == 0) {
            // TTL 0: delivered at once to a consumer that can take it, otherwise dead on arrival (as RabbitMQ).
            QueueConsumer consumer = hasReady() ? null : nextConsumer();
            if (consumer != null) {
                handOver(consumer, entry);
            } else {
                host.deadLetter(this, message, DeathReason.EXPIRED);
            }
            return EnqueueResult.ACCEPTED;
        }
        long ticket = 0;
        boolean persist = persistMessages && entry.persistent();
        // Once anything is paged out, everything after it is too, so that the paged tail stays behind the rest.
        boolean pageOut = store != null && hasReady()
                && (!paged.isEmpty() || readyBytesInMemory + entry.bodySize() > pageOutBytes);
        if (persist || pageOut) {
            entry.storedAt(store.append(new QueueEntryRecord(message, entry.expiresAtMillis())));
            ticket = store.requestSync();
        }
        EnqueueResult result = ticket == 0 || !persist ? EnqueueResult.ACCEPTED : new EnqueueResult(true, ticket);
        if (pageOut) {
            paged.add(entry.position(), entry.expiresAtMillis(), entry.bodySize(), false);
            readyBytes += entry.bodySize();
            enforceLengthLimit();
            dispatch();
            return result;
        }
        QueueConsumer waiting = hasReady() ? null : nextConsumer();
        if (waiting != null) {
            // straight to a consumer that can take it: a length limit only counts what waits in the queue
            handOver(waiting, entry);
            return result;
        }
        addReady(entry);
        enforceLengthLimit();
        dispatch();
        return result;
    }

    /** Puts back what the queue's store held at start-up, in order; the entries stay paged out until due. */
    public void recover(long position, QueueEntryRecord record, boolean delivered) {
        paged.add(position, record.expiresAtMillis(), record.message().bodySize(), delivered);
        readyBytes += record.message().bodySize();
    }

    /** Ends a recovery: expired entries go, and deliveries start. */
    public void recovered() {
        dispatch();
    }

    private void addReady(QueueEntry entry) {
        ready.addLast(entry);
        readyBytes += entry.bodySize();
        if (entry.inMemory()) {
            readyBytesInMemory += entry.bodySize();
        }
    }

    private long ttlOf(Message message) {
        long ttl = settings.messageTtlMillis();
        String expiration = message.properties().expiration();
        if (expiration != null) {
            try {
                long perMessage = Long.parseLong(expiration);
                ttl = ttl < 0 ? perMessage : Math.min(ttl, perMessage);
            } catch (NumberFormatException ignored) {
                // validated at publish time by the protocol adapter
            }
        }
        return ttl;
    }

    private void enforceLengthLimit() {
        if (settings.overflow() != Overflow.DROP_HEAD) {
            return;
        }
        while (hasReady()
                && ((settings.maxLength() >= 0 && readyTotal() > settings.maxLength())
                || (settings.maxLengthBytes() >= 0 && readyBytes > settings.maxLengthBytes()))) {
            QueueEntry head = removeHead();
            discard(head, DeathReason.MAXLEN);
        }
    }

    // ---- consuming --------------------------------------------------------------------------------------

    public void addConsumer(QueueConsumer consumer) {
        consumers.add(consumer);
        everHadConsumer = true;
        cancelUnusedTimer();
        dispatch();
    }

    public void removeConsumer(QueueConsumer consumer) {
        if (!consumers.remove(consumer)) {
            return;
        }
        if (consumers.isEmpty()) {
            if (autoDelete && everHadConsumer) {
                host.deleteUnused(this);
                return;
            }
            touch();
        }
        dispatch();
    }

    /** The consumer that holds the single-active-consumer slot, if the queue has one. */
    public QueueConsumer activeConsumer() {
        return settings.singleActiveConsumer() && !consumers.isEmpty() ? consumers.get(0) : null;
    }

    /** basic.get: the next ready message, handed over to the caller, or null. */
    public QueueEntry poll(boolean autoAck) {
        touch();
        dropExpiredHead();
        if (!hasReady()) {
            return null;
        }
        QueueEntry entry = removeHead();
        while (!load(entry)) {
            if (!hasReady()) {
                return null;
            }
            entry = removeHead();
        }
        prepareDelivery(entry);
        if (autoAck) {
            forget(entry);
        } else {
            unacked++;
            unackedBytes += entry.bodySize();
        }
        scheduleExpiry();
        return entry;
    }

    /**
     * Delivers ready messages to consumers that have credit, in round-robin order; at most
     * {@link #DISPATCH_BATCH} per call, then the rest in a later core task, so that a deep queue and a
     * consumer without prefetch do not hold the core thread for everyone else.
     */
    public void dispatch() {
        if (dispatching || deleted) {
            return;
        }
        dispatching = true;
        try {
            dropExpiredHead();
            int budget = DISPATCH_BATCH;
            while (hasReady()) {
                if (budget-- == 0) {
                    dispatchLater();
                    break;
                }
                QueueConsumer consumer = nextConsumer();
                if (consumer == null) {
                    break;
                }
                QueueEntry entry = removeHead();
                if (load(entry)) {
                    handOver(consumer, entry);
                }
                dropExpiredHead();
            }
        } finally {
            dispatching = false;
        }
        scheduleExpiry();
        notifyDrained();
    }

    private void dispatchLater() {
        if (!dispatchScheduled) {
            dispatchScheduled = true;
            host.schedule(() -> {
                dispatchScheduled = false;
                dispatch();
            }, Duration.ZERO);
        }
    }

    private void handOver(QueueConsumer consumer, QueueEntry entry) {
        prepareDelivery(entry);
        if (consumer.autoAck()) {
            forget(entry);
        } else {
            unacked++;
            unackedBytes += entry.bodySize();
        }
        consumer.deliver(this, entry);
    }

    // A stored entry is marked delivered, so that after a crash it comes back as redelivered (AMQP: "may have
    // been delivered before"). The entry is in memory by now (see load).
    private void prepareDelivery(QueueEntry entry) {
        if (entry.stored() && !entry.redelivered()) {
            store.markDelivered(entry.position());
        }
    }

    /**
     * Reads a paged-out entry back. One that cannot be read (its record damaged on disk) is dropped with a log
     * line naming it, and false returned: the queue goes on with the next message rather than stalling on it.
     */
    private boolean load(QueueEntry entry) {
        if (entry.inMemory()) {
            return true;
        }
        try {
            entry.load(store.read(entry.position()).message());
            return true;
        } catch (RuntimeException unreadable) {
            LOG.error("{}: dropping a message whose record at position {} cannot be read", describe(),
                    entry.position(), unreadable);
            try {
                store.remove(entry.position());
            } catch (RuntimeException alreadyGone) {
                // the segment itself is gone or damaged: nothing left to mark
            }
            return false;
        }
    }

    /** The entry leaves the queue for good: its record on disk goes too. */
    private void forget(QueueEntry entry) {
        if (entry.stored() && !deleted) {
            store.remove(entry.position());
            store.requestSync();
        }
    }

    /** A ready entry leaves without a consumer (expiry, length limit): dead-lettered, and forgotten. */
    private void discard(QueueEntry entry, DeathReason reason) {
        if (!load(entry)) {
            return;
        }
        forget(entry);
        host.deadLetter(this, entry.message(), reason);
    }

    private QueueConsumer nextConsumer() {
        if (consumers.isEmpty()) {
            return null;
        }
        if (settings.singleActiveConsumer()) {
            QueueConsumer active = consumers.get(0);
            return active.hasCredit() ? active : null;
        }
        int n = consumers.size();
        for (int i = 0; i < n; i++) {
            int index = (roundRobin + i) % n;
            QueueConsumer candidate = consumers.get(index);
            if (candidate.hasCredit()) {
                roundRobin = (index + 1) % n;
                return candidate;
            }
        }
        return null;
    }

    // ---- settling ---------------------------------------------------------------------------------------

    /** The consumer is done with {@code entry} (ack). */
    public void settle(QueueEntry entry) {
        unacked--;
        unackedBytes -= entry.bodySize();
        forget(entry);
    }

    /** The consumer gives entries back: they return to the head in their original order, marked redelivered. */
    public void requeue(List<QueueEntry> entries) {
        unacked -= entries.size();
        for (QueueEntry entry : entries) {
            unackedBytes -= entry.bodySize();
        }
        if (deleted) {
            return;
        }
        // Requeued entries go back to their publish position among the ready ones near the head, as in
        // RabbitMQ: merge both runs by sequence (the ready deque is in sequence order).
        List<QueueEntry> back = new ArrayList<>(entries);
        back.sort(Comparator.comparingLong(QueueEntry::sequence));
        long last = back.get(back.size() - 1).sequence();
        List<QueueEntry> overtaken = new ArrayList<>();
        while (!ready.isEmpty() && ready.peekFirst().sequence() < last) {
            overtaken.add(ready.pollFirst());
        }
        List<QueueEntry> merged = new ArrayList<>(back.size() + overtaken.size());
        int i = 0;
        int j = 0;
        while (i < back.size() || j < overtaken.size()) {
            boolean takeBack = j >= overtaken.size()
                    || (i < back.size() && back.get(i).sequence() < overtaken.get(j).sequence());
            merged.add(takeBack ? back.get(i++) : overtaken.get(j++));
        }
        for (QueueEntry entry : back) {
            entry.markRedelivered();
            readyBytes += entry.bodySize();
            readyBytesInMemory += entry.bodySize();
        }
        for (int k = merged.size() - 1; k >= 0; k--) {
            ready.addFirst(merged.get(k));
        }
        enforceLengthLimit();
        dispatch();
    }

    /** The consumer refuses {@code entry} without requeue: it is dead-lettered, or dropped without a DLX. */
    public void reject(QueueEntry entry) {
        unacked--;
        unackedBytes -= entry.bodySize();
        forget(entry);
        if (!deleted) {
            host.deadLetter(this, entry.message(), DeathReason.REJECTED);
        }
    }

    public int purge() {
        int count = readyCount();
        for (QueueEntry entry : ready) {
            forget(entry);
        }
        if (!paged.isEmpty()) {
            paged.forEachPosition(store::remove);
            store.requestSync();
            paged.clear();
        }
        ready.clear();
        readyBytes = 0;
        readyBytesInMemory = 0;
        notifyDrained();
        return count;
    }

    /** Marks the queue gone: consumers are told, timers stop. Ready messages are dropped. */
    public void markDeleted() {
        deleted = true;
        cancelUnusedTimer();
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
        }
        List<QueueConsumer> toCancel = new ArrayList<>(consumers);
        consumers.clear();
        for (QueueConsumer consumer : toCancel) {
            consumer.cancelledByBroker(this);
        }
        ready.clear();
        paged.clear();
        readyBytes = 0;
        readyBytesInMemory = 0;
        if (store != null) {
            store.delete();
        }
        notifyDrained();
    }

    // ---- expiry -----------------------------------------------------------------------------------------

    private QueueEntry removeHead() {
        head(); // refills from the paged tail when needed
        QueueEntry head = ready.pollFirst();
        readyBytes -= head.bodySize();
        if (head.inMemory()) {
            readyBytesInMemory -= head.bodySize();
        }
        return head;
    }

    // RabbitMQ expires messages only at the head of the queue; so do we, which keeps expiry O(1).
    private void dropExpiredHead() {
        long now = host.nowMillis();
        while (hasReady() && head().expiredAt(now)) {
            QueueEntry head = removeHead();
            discard(head, DeathReason.EXPIRED);
        }
    }

    private void scheduleExpiry() {
        if (deleted || !hasReady()) {
            return;
        }
        long at = head().expiresAtMillis();
        if (at == Long.MAX_VALUE || at >= expiryTimerAt) {
            return;
        }
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
        }
        expiryTimerAt = at;
        expiryTimer = host.schedule(() -> {
            expiryTimerAt = Long.MAX_VALUE;
            expiryTimer = null;
            dispatch();
        }, Duration.ofMillis(Math.max(0, at - host.nowMillis())));
    }

    /** Re-arms {@code x-expires}: called on declare, basic.get and when the last consumer leaves. */
    public void touch() {
        if (settings.expiresMillis() < 0 || deleted) {
            return;
        }
        cancelUnusedTimer();
        if (!consumers.isEmpty()) {
            return;
        }
        // a timer already handed to the core cannot be cancelled: the generation tells it that it is stale
        long generation = ++unusedGeneration;
        unusedTimer = host.schedule(() -> {
            if (!deleted && consumers.isEmpty() && generation == unusedGeneration) {
                host.deleteUnused(this);
            }
        }, Duration.ofMillis(settings.expiresMillis()));
    }

    private void cancelUnusedTimer() {
        unusedGeneration++;
        if (unusedTimer != null) {
            unusedTimer.cancel(false);
            unusedTimer = null;
        }
    }
}
