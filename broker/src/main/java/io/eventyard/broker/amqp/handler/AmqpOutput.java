package io.eventyard.broker.amqp.handler;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.eventyard.broker.amqp.codec.AmqpCommand;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/**
 * Carries frames from the core thread to one socket. The core appends; the socket's event loop drains what
 * has accumulated in batches and flushes once per batch, so a burst of deliveries costs one task hand-off
 * and one system call rather than one each.
 *
 * <p>It also says when the client is not keeping up ({@link #congested()}): too many bytes wait here, or
 * Netty's outbound buffer is past its high water mark. The core then stops delivering to that connection
 * until {@code onDrained} reports that the backlog has gone, so a consumer that stops reading costs a
 * bounded amount of memory, and messages stay in their queue, as in RabbitMQ.
 */
final class AmqpOutput {

    /** Bytes waiting here past which the connection counts as congested. */
    private static final long HIGH_WATER_BYTES = 1024 * 1024;
    /** Frames written per event-loop task, so that one busy connection cannot starve the others. */
    private static final int FRAMES_PER_DRAIN = 256;
    /** What a frame costs beyond its body: method and content header. */
    private static final int FRAME_OVERHEAD = 128;

    private final Channel socket;
    private final Runnable onDrained;
    private final Queue<Object> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final Runnable drain = this::drain;
    private volatile boolean closeAfterDrain;
    private volatile boolean congestionReported;

    /** {@code onDrained} runs on the event loop when a congested connection can take more again. */
    AmqpOutput(Channel socket, Runnable onDrained) {
        this.socket = socket;
        this.onDrained = onDrained;
    }

    /** Queues a frame value (AmqpCommand, Heartbeat, ProtocolHeader) for the socket. Any thread. */
    void send(Object frame) {
        pendingBytes.addAndGet(sizeOf(frame));
        pending.add(frame);
        scheduleDrain();
    }

    /** Writes what is queued, then closes the socket. */
    void closeAfterPending() {
        closeAfterDrain = true;
        scheduleDrain();
    }

    /** Whether the client is behind: deliveries should wait. Any thread. */
    boolean congested() {
        boolean congested = pendingBytes.get() > HIGH_WATER_BYTES || !socket.isWritable();
        if (congested) {
            congestionReported = true;
        }
        return congested;
    }

    /** The event loop saw the socket become writable again. */
    void writabilityChanged() {
        maybeReportDrained();
    }

    private static long sizeOf(Object frame) {
        if (frame instanceof AmqpCommand command && command.body() != null) {
            return command.body().length + FRAME_OVERHEAD;
        }
        return FRAME_OVERHEAD;
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                socket.eventLoop().execute(drain);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the broker is stopping and this socket with it: nothing left to write to
            }
        }
    }

    private void drain() {
        drainScheduled.set(false);
        int written = 0;
        Object frame = pending.poll();
        while (frame != null) {
            pendingBytes.addAndGet(-sizeOf(frame));
            Object next = written + 1 < FRAMES_PER_DRAIN ? pending.poll() : null;
            if (next == null && closeAfterDrain && pending.isEmpty()) {
                socket.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            socket.write(frame, socket.voidPromise());
            written++;
            frame = next;
        }
        if (closeAfterDrain && pending.isEmpty()) {
            socket.flush();
            socket.close();
            return;
        }
        socket.flush();
        if (!pending.isEmpty()) {
            scheduleDrain(); // the rest in another task, after the other sockets of this loop had a turn
        }
        maybeReportDrained();
    }

    private void maybeReportDrained() {
        if (congestionReported && pendingBytes.get() <= HIGH_WATER_BYTES / 2 && socket.isWritable()) {
            congestionReported = false;
            onDrained.run();
        }
    }
}
