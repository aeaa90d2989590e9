package io.eventyard.broker.amqp.handler;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/**
 * Carries frames from the core thread to one socket. The core appends; the socket's event loop drains
 * whatever has accumulated in one go and flushes once, so a burst of deliveries costs one task hand-off
 * and one system call rather than one each.
 */
final class AmqpOutput {

    private final Channel socket;
    private final Queue<Object> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;
    private volatile boolean closeAfterDrain;

    AmqpOutput(Channel socket) {
        this.socket = socket;
    }

    /** Queues a frame value (AmqpCommand, Heartbeat, ProtocolHeader) for the socket. Any thread. */
    void send(Object frame) {
        pending.add(frame);
        scheduleDrain();
    }

    /** Writes what is queued, then closes the socket. */
    void closeAfterPending() {
        closeAfterDrain = true;
        scheduleDrain();
    }

    boolean isOpen() {
        return socket.isActive();
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            socket.eventLoop().execute(drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        Object frame = pending.poll();
        while (frame != null) {
            Object next = pending.poll();
            if (next == null && closeAfterDrain) {
                socket.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            socket.write(frame, socket.voidPromise());
            frame = next;
        }
        if (closeAfterDrain) {
            socket.flush();
            socket.close();
        } else {
            socket.flush();
        }
    }
}
